package io.tributary.connector.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class KinesisMetadataMapperTest {

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void mapsShardSequenceKeyAndArrivalTime() {
        Exchange exchange = new DefaultExchange(camel);
        Instant arrival = Instant.parse("2026-11-21T08:15:30.123Z");
        exchange.getIn().setHeader(Kinesis2Constants.SHARD_ID, "shardId-000000000003");
        exchange.getIn().setHeader(Kinesis2Constants.SEQUENCE_NUMBER, "49590338271490256608559692538361571095921575989136588898");
        exchange.getIn().setHeader(Kinesis2Constants.PARTITION_KEY, "dev-007");
        exchange.getIn().setHeader(Kinesis2Constants.APPROX_ARRIVAL_TIME, arrival);
        exchange.getIn().setHeader(KinesisShardConsumer.STREAM_HEADER, "fleet");

        MessageMetadata metadata = KinesisMetadataMapper.metadata(exchange);

        assertThat(metadata.messageId())
                .isEqualTo("shardId-000000000003-49590338271490256608559692538361571095921575989136588898");
        assertThat(metadata.eventTime()).isEqualTo(arrival);
        assertThat(metadata.topic()).isEqualTo("fleet");
        assertThat(metadata.redelivered()).isFalse();
        assertThat(metadata.headers()).containsExactly(
                java.util.Map.entry("kinesis_shard_id", "shardId-000000000003"),
                java.util.Map.entry("kinesis_sequence_number", "49590338271490256608559692538361571095921575989136588898"),
                java.util.Map.entry("kinesis_partition_key", "dev-007"),
                java.util.Map.entry("kinesis_arrival_time", "2026-11-21T08:15:30.123Z"));
    }

    @Test
    void leavesTheEventTimeToTheHubWhenTheArrivalTimeIsMissing() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(Kinesis2Constants.SHARD_ID, "shardId-000000000000");
        exchange.getIn().setHeader(Kinesis2Constants.SEQUENCE_NUMBER, "1");

        MessageMetadata metadata = KinesisMetadataMapper.metadata(exchange);

        assertThat(metadata.eventTime()).isNull();
        assertThat(metadata.headers()).containsOnlyKeys("kinesis_shard_id", "kinesis_sequence_number");
    }

    @Test
    void shouldRejectAnExchangeThatDidNotComeFromAShard() {
        Exchange exchange = new DefaultExchange(camel);
        assertThatThrownBy(() -> KinesisMetadataMapper.metadata(exchange))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not come from a Kinesis shard");
    }
}

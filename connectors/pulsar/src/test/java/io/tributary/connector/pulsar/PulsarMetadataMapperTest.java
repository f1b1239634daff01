package io.tributary.connector.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.pulsar.utils.message.PulsarMessageHeaders;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The headers are the ones Camel's Pulsar consumer sets (PulsarMessageUtils), with the values Pulsar gives. */
class PulsarMetadataMapperTest {

    private static final long PUBLISHED = Instant.parse("2026-11-21T08:00:05Z").toEpochMilli();
    private static final long EVENT = Instant.parse("2026-11-21T08:00:00Z").toEpochMilli();

    private static Exchange exchange(long eventTime, String key, int redeliveries) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        var in = exchange.getIn();
        in.setHeader(PulsarMessageHeaders.MESSAGE_ID, "12:34:2:-1");
        in.setHeader(PulsarMessageHeaders.TOPIC_NAME, "persistent://public/default/fleet-partition-2");
        in.setHeader(PulsarMessageHeaders.KEY, key);
        in.setHeader(PulsarMessageHeaders.PUBLISH_TIME, PUBLISHED);
        in.setHeader(PulsarMessageHeaders.EVENT_TIME, eventTime);
        in.setHeader(PulsarMessageHeaders.PULSAR_REDELIVERY_COUNT, redeliveries);
        in.setHeader(PulsarMessageHeaders.PROPERTIES, Map.of("site", "north", "deviceId", "dev-7"));
        in.setBody(new byte[] {1});
        return exchange;
    }

    @Test
    void mapsIdTopicKeyTimesAndPropertiesAndPrefersTheEventTime() {
        MessageMetadata metadata = PulsarMetadataMapper.metadata(exchange(EVENT, "dev-7", 0));

        assertThat(metadata.messageId()).isEqualTo("12:34:2:-1");
        assertThat(metadata.topic()).isEqualTo("persistent://public/default/fleet-partition-2");
        assertThat(metadata.eventTime()).isEqualTo(Instant.ofEpochMilli(EVENT));
        assertThat(metadata.redelivered()).isFalse();
        assertThat(metadata.headers()).containsExactly(
                Map.entry("pulsar_message_id", "12:34:2:-1"),
                Map.entry("pulsar_topic", "persistent://public/default/fleet-partition-2"),
                Map.entry("pulsar_key", "dev-7"),
                Map.entry("pulsar_publish_time", "2026-11-21T08:00:05Z"),
                Map.entry("pulsar_event_time", "2026-11-21T08:00:00Z"),
                Map.entry("pulsar_redelivery_count", "0"),
                Map.entry("pulsar_prop_deviceId", "dev-7"),
                Map.entry("pulsar_prop_site", "north"));
    }

    @Test
    void fallsBackToThePublishTimeWhenNoEventTimeWasSetAndMarksRedeliveries() {
        MessageMetadata metadata = PulsarMetadataMapper.metadata(exchange(0, null, 2));

        assertThat(metadata.eventTime()).isEqualTo(Instant.ofEpochMilli(PUBLISHED));
        assertThat(metadata.headers()).doesNotContainKeys("pulsar_event_time", "pulsar_key")
                .containsEntry("pulsar_redelivery_count", "2");
        assertThat(metadata.redelivered()).isTrue();
    }

    @Test
    void refusesAnExchangeThatDidNotComeFromPulsar() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThatThrownBy(() -> PulsarMetadataMapper.metadata(exchange))
                .hasMessageContaining("did not come from a Pulsar endpoint");
    }
}

package io.tributary.connector.kinesis;

import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;

/**
 * Maps a record received by {@link KinesisShardConsumer} (which sets Camel's aws2-kinesis header names) onto
 * {@link MessageMetadata}: {@code ce_id} is shard id + "-" + sequence number (unique within a stream, and the same
 * when a record is read again after a restart), the approximate arrival time is the event time.
 *
 * <p>Headers: {@value #SHARD_ID}, {@value #SEQUENCE_NUMBER}, {@value #PARTITION_KEY}, {@value #ARRIVAL_TIME}
 * (ISO-8601). {@code device.fromHeader: kinesis_partition_key} keys Kafka records by partition key.
 */
final class KinesisMetadataMapper {

    static final String SHARD_ID = "kinesis_shard_id";
    static final String SEQUENCE_NUMBER = "kinesis_sequence_number";
    static final String PARTITION_KEY = "kinesis_partition_key";
    static final String ARRIVAL_TIME = "kinesis_arrival_time";

    private KinesisMetadataMapper() {
    }

    static MessageMetadata metadata(Exchange exchange) {
        Message message = exchange.getIn();
        String shard = message.getHeader(Kinesis2Constants.SHARD_ID, String.class);
        String sequence = message.getHeader(Kinesis2Constants.SEQUENCE_NUMBER, String.class);
        if (shard == null || sequence == null) {
            throw new IllegalArgumentException("exchange " + exchange.getExchangeId() + " did not come from a Kinesis "
                    + "shard: it has no " + Kinesis2Constants.SHARD_ID + " or " + Kinesis2Constants.SEQUENCE_NUMBER
                    + " header; map metadata before the route replaces the incoming headers");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SHARD_ID, shard);
        headers.put(SEQUENCE_NUMBER, sequence);
        String key = message.getHeader(Kinesis2Constants.PARTITION_KEY, String.class);
        if (key != null) {
            headers.put(PARTITION_KEY, key);
        }
        Instant arrival = message.getHeader(Kinesis2Constants.APPROX_ARRIVAL_TIME, Instant.class);
        if (arrival != null) {
            headers.put(ARRIVAL_TIME, DateTimeFormatter.ISO_INSTANT.format(arrival));
        }
        String stream = message.getHeader(KinesisShardConsumer.STREAM_HEADER, String.class);
        return new MessageMetadata(shard + "-" + sequence, stream, arrival, headers, false);
    }
}

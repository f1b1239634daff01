package io.tributary.lake.testing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Builds consumer records shaped like the ones the hub's source routes write. */
public final class Records {

    /** 2026-11-21T08:15:00Z. */
    public static final long KAFKA_TIMESTAMP = 1_795_335_300_000L;

    private Records() {
    }

    public static Builder record(String topic, int partition, long offset) {
        return new Builder(topic, partition, offset);
    }

    public static final class Builder {
        private final String topic;
        private final int partition;
        private final long offset;
        private long timestamp = KAFKA_TIMESTAMP;
        private byte[] key = "device-1".getBytes(StandardCharsets.UTF_8);
        private byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        private final RecordHeaders headers = new RecordHeaders();

        private Builder(String topic, int partition, long offset) {
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
        }

        public Builder key(String key) {
            this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder json(String json) {
            this.value = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder value(byte[] value) {
            this.value = value;
            return this;
        }

        public Builder timestamp(long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public ConsumerRecord<byte[], byte[]> build() {
            return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME,
                    key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers,
                    Optional.of(7));
        }
    }
}

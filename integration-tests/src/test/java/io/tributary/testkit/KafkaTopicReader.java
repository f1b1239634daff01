package io.tributary.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning without a consumer group, so it neither commits offsets nor
 * disturbs the hub's groups. Every read is bounded by a timeout and returns what it has, so a
 * test asserts on the count and sees exactly what arrived.
 *
 * <pre>{@code
 * List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
 *         .read("telemetry.fleet", 1_000, Duration.ofSeconds(30));
 * }</pre>
 */
public final class KafkaTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;

    public KafkaTopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** One Kafka record as the test sees it. */
    public record Record(String topic, int partition, long offset, long timestamp, String key, byte[] value,
            Map<String, byte[]> headers) {

        /** The value as UTF-8 text. */
        public String valueAsString() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        /** A header's last value as UTF-8 text, or null if absent. */
        public String header(String name) {
            byte[] header = headers.get(name);
            return header == null ? null : new String(header, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads from the beginning of every partition until at least {@code expected} records arrived
     * or the timeout passed, waiting for the topic to exist meanwhile. It returns everything it
     * polled, which may be more than expected, or fewer after a timeout, ordered by partition,
     * then offset.
     */
    public List<Record> read(String topic, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (!assignAll(consumer, topic, deadline)) {
                return List.of();
            }
            List<Record> records = new ArrayList<>();
            while (records.size() < expected && System.nanoTime() - deadline < 0) {
                consumer.poll(POLL).forEach(record -> records.add(toRecord(record)));
            }
            return sorted(records);
        }
    }

    /**
     * Reads everything written to the topic up to now: from the beginning to the end offsets seen
     * when the read starts, or what arrived before the timeout. Use it to prove there is nothing
     * more than expected, such as no duplicates.
     */
    public List<Record> readToEnd(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (!assignAll(consumer, topic, deadline)) {
                return List.of();
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            List<Record> records = new ArrayList<>();
            while (!reached(consumer, end) && System.nanoTime() - deadline < 0) {
                consumer.poll(POLL).forEach(record -> records.add(toRecord(record)));
            }
            return sorted(records);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // only what producers committed: a hub writing in transactions must not show aborted records
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "testkit-topic-reader");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of the topic once it exists; false if it did not appear in time. */
    private static boolean assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic, long deadline) {
        while (true) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.listTopics(POLL.multipliedBy(5)).getOrDefault(topic, List.of());
            } catch (TimeoutException e) {
                // the broker may be restarting; keep asking until the deadline
                partitions = List.of();
            }
            if (!partitions.isEmpty()) {
                List<TopicPartition> assignment = partitions.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                consumer.assign(assignment);
                consumer.seekToBeginning(assignment);
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            sleep(POLL);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            // position() may block briefly the first time, to look up the reset offset
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Record toRecord(ConsumerRecord<byte[], byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new Record(record.topic(), record.partition(), record.offset(), record.timestamp(), key,
                record.value(), Collections.unmodifiableMap(headers));
    }

    private static List<Record> sorted(List<Record> records) {
        records.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return List.copyOf(records);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a topic", e);
        }
    }
}

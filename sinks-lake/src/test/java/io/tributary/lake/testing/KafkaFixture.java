package io.tributary.lake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process KRaft broker per test class, with admin, producer and reader helpers for it. Register it as
 * {@code @RegisterExtension static final KafkaFixture fixture = new KafkaFixture();}: the broker starts before the
 * class's first test and stops after its last, so each test uses its own topics and tables on the shared broker.
 */
public final class KafkaFixture implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafka kafka;
    private String bootstrapServers;
    private Admin admin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = EmbeddedKafka.start();
        bootstrapServers = kafka.bootstrapServers();
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Map<String, Object> clientProps() {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    public void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
                "enable.idempotence", "true", "linger.ms", "5"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    public Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    public void rewindGroup(String group, TopicPartition partition, long offset) throws Exception {
        admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset))).all().get();
    }

    /** Waits until the group has committed the end offset of every partition of the topic. */
    public void awaitCaughtUp(String group, String topic, int partitions, Duration timeout) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic, partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> committed = committedOffsets(group);
        while (!committed.equals(end)) {
            assertThat(System.nanoTime()).as("group %s caught up with %s; committed %s", group, end, committed)
                    .isLessThan(deadline);
            Thread.sleep(100);
            committed = committedOffsets(group);
        }
    }

    /** Reads a whole topic from the beginning to its current end. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic, partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> assigned = end.keySet();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading %s to %s", topic, end).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

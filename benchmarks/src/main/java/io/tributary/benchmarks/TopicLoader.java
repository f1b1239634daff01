package io.tributary.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Creates topics and fills them with {@link Telemetry} records, the way the hub writes them. */
final class TopicLoader {

    private final String bootstrapServers;

    TopicLoader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void create(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.of((short) 1))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Produces {@code count} records and returns once all are acknowledged. */
    void produce(String topic, Telemetry telemetry, int count) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(HubProducerSettings.of(bootstrapServers, Map.of()))) {
            for (int i = 0; i < count && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, null, telemetry.deviceId(i), telemetry.payload(i),
                        telemetry.headers(i)), (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
            System.out.println("  producer: " + ClientMetrics.describe(producer.metrics(), "producer-metrics",
                    "batch-size-avg", "records-per-request-avg", "request-latency-avg"));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed", failure.get());
        }
    }
}

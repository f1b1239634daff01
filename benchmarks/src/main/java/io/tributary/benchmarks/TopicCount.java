package io.tributary.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Watches how many records a topic holds (the sum of its partitions' end offsets). */
final class TopicCount implements AutoCloseable {

    private static final long POLL_MILLIS = 5;

    private final Admin admin;

    TopicCount(String bootstrapServers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    long count(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    /**
     * Waits until the topic holds at least {@code expected} records; returns {@link System#nanoTime()}
     * at the moment that was seen. {@code failure} is checked on every round and ends the wait.
     */
    long awaitAtLeast(String topic, int partitions, long expected, Duration timeout, Supplier<Throwable> failure)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long count = count(topic, partitions);
            long now = System.nanoTime();
            if (count >= expected) {
                return now;
            }
            Throwable failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("writing to " + topic + " failed", failed);
            }
            if (now > deadline) {
                throw new IllegalStateException(topic + " holds " + count + " of " + expected + " records after " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

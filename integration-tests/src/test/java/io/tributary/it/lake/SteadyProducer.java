package io.tributary.it.lake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces telemetry records straight into a topic in the background, at most {@code perSecond},
 * and never beyond the budget the test has allowed so far ({@link #allow}). A test that kills sinks
 * raises the budget as each sink starts, so records flow during every run however slowly the
 * machine starts processes. Record {@code i} has payload {@code {"seq": i, "temp": ..., "ts": ...}},
 * device key {@code device-(i % 50)} and an event time 100 ms after the previous one, so a run
 * spreads over several hour folders.
 */
final class SteadyProducer implements AutoCloseable {

    static final Instant FIRST_EVENT = Instant.parse("2026-11-21T06:00:00Z");
    private static final int BATCH = 100;

    private final int total;
    private final AtomicLong allowed = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;

    private SteadyProducer(String bootstrap, String topic, int total, int perSecond) {
        this.total = total;
        long pauseNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / perSecond;
        this.thread = new Thread(() -> produce(bootstrap, topic, pauseNanos), "steady-producer");
        thread.setDaemon(true);
    }

    /** Starts a producer of {@code total} records that sends nothing until {@link #allow} is called. */
    static SteadyProducer start(String bootstrap, String topic, int total, int perSecond) {
        SteadyProducer producer = new SteadyProducer(bootstrap, topic, total, perSecond);
        producer.thread.start();
        return producer;
    }

    private void produce(String bootstrap, String topic, long pauseNanos) {
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "enable.idempotence", "true", "linger.ms", "5"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            int next = 0;
            while (next < total && !closed) {
                long budget = Math.min(allowed.get(), next + BATCH);
                if (budget <= next) {
                    Thread.sleep(20);
                    continue;
                }
                long started = System.nanoTime();
                for (; next < budget; next++) {
                    kafka.send(record(topic, next), (metadata, e) -> {
                        if (e == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            done.completeExceptionally(e);
                        }
                    });
                }
                kafka.flush();
                TimeUnit.NANOSECONDS.sleep(Math.max(0, pauseNanos - (System.nanoTime() - started)));
            }
            done.complete(null);
        } catch (Throwable e) {
            done.completeExceptionally(e);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int i) {
        long ts = FIRST_EVENT.toEpochMilli() + 100L * i;
        String payload = "{\"seq\": " + i + ", \"temp\": " + (i % 400) / 10.0 + ", \"ts\": " + ts + "}";
        return new ProducerRecord<>(topic, ("device-" + i % 50).getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Lets the producer send records up to (not including) sequence number {@code upTo}. */
    void allow(long upTo) {
        allowed.accumulateAndGet(Math.min(upTo, total), Math::max);
    }

    long acknowledged() {
        return acknowledged.get();
    }

    boolean isDone() {
        return done.isDone();
    }

    /** Allows every record and waits until all are acknowledged; rethrows a send failure. */
    void finish(Duration timeout) throws Exception {
        allow(total);
        done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(10_000);
    }
}

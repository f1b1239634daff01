package io.tributary.benchmarks;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** One LakeSink run over a pre-filled topic: started, waited for until every row is written, closed. */
final class LakeSinkRun {

    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private String phases = "";

    /** The fleet example's columns; rolls only when closed, so each Kafka partition gives one file, as bare does. */
    static LakeTable table(String name, String topic, String deadLetterTopic, long records) {
        return new LakeTable(name, topic, deadLetterTopic, PartitionGranularity.DAY,
                List.of(new LakeColumn("seq", ColumnType.LONG, "/seq", true),
                        new LakeColumn("temperature", ColumnType.DOUBLE, "/temp", false),
                        new LakeColumn("humidity", ColumnType.DOUBLE, "/humidity", false),
                        new LakeColumn("battery", ColumnType.DOUBLE, "/battery", false)),
                new RollPolicy(records, 128L << 20, Duration.ofMinutes(30)), "/ts");
    }

    /** Where the time of the last run went: joining the group and first fetch, writing, closing. */
    String phases() {
        return phases;
    }

    /** Returns the rows committed: written, renamed and their offsets committed. */
    long run(LakeTable table, Path lakeRoot, String bootstrapServers, long expected, Map<String, Object> clientProps)
            throws InterruptedException {
        long started = System.nanoTime();
        AtomicLong firstRowAt = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LakeListener listener = new LakeListener() {
            @Override
            public void recordsWritten(String name, int count) {
                firstRowAt.compareAndSet(0, System.nanoTime());
                written.addAndGet(count);
            }

            @Override
            public void fileCommitted(String name, Path file, long records) {
                committed.addAndGet(records);
            }

            @Override
            public void deadLettered(String name, String reason) {
                failure.compareAndSet(null, new IllegalStateException("unexpected dead letter: " + reason));
            }

            @Override
            public void sinkFailed(String name, Throwable cause) {
                failure.compareAndSet(null, cause);
            }
        };
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put("bootstrap.servers", bootstrapServers);
        LakeSink sink = new LakeSink(table, lakeRoot, props, listener);
        try {
            sink.start();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (written.get() < expected && failure.get() == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("lake sink wrote " + written.get() + " of " + expected
                            + " rows within " + DEADLINE);
                }
                Thread.sleep(1);
            }
        } finally {
            long closing = System.nanoTime();
            sink.close();
            long closed = System.nanoTime();
            phases = String.format(java.util.Locale.ROOT, "first row after %,d ms, rows written in %,d ms, close %,d ms",
                    (firstRowAt.get() - started) / 1_000_000, (closing - firstRowAt.get()) / 1_000_000,
                    (closed - closing) / 1_000_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("lake sink failed", failure.get());
        }
        return committed.get();
    }
}

package io.tributary.routes.runtime;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints one progress line at a fixed interval: messages in, records to Kafka, lake rows and files, dead letters. */
public final class ProgressReporter implements AutoCloseable {

    private final HubMetrics metrics;
    private final PrintStream out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tributary-progress");
        t.setDaemon(true);
        return t;
    });
    private long lastRows;
    private long lastAt = System.nanoTime();

    public ProgressReporter(HubMetrics metrics, PrintStream out) {
        this.metrics = metrics;
        this.out = out;
    }

    public void start(long intervalMillis) {
        timer.scheduleAtFixedRate(this::report, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void report() {
        Map<String, Long> t = metrics.totals();
        long rows = t.getOrDefault("tributary.lake.rows", 0L);
        long now = System.nanoTime();
        double rate = (rows - lastRows) / Math.max(1e-9, (now - lastAt) / 1e9);
        lastRows = rows;
        lastAt = now;
        out.printf("progress: in=%d kafka=%d redelivered=%d dlq=%d | lake rows=%d (%.0f rows/s) files=%d dlq=%d%n",
                t.getOrDefault("tributary.source.received", 0L), t.getOrDefault("tributary.source.written", 0L),
                t.getOrDefault("tributary.source.redelivered", 0L), t.getOrDefault("tributary.source.dead.lettered", 0L),
                rows, rate, t.getOrDefault("tributary.lake.files", 0L), t.getOrDefault("tributary.lake.dead.lettered", 0L));
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        report();
    }
}

package io.tributary.routes.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.lake.LakeListener;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The hub's counters, per source and per lake table; served as Prometheus text and read by the console progress. */
public final class HubMetrics implements LakeListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /**
     * The counters of one source, registered once when its route is built, so the per-message path only
     * increments them.
     *
     * @param redelivered messages the broker flagged as redeliveries (MQTT DUP): allowed, but counted and reported
     */
    public record SourceCounters(Counter received, Counter written, Counter deadLettered, Counter redelivered) {
    }

    public SourceCounters forSource(String source) {
        return new SourceCounters(counter("tributary.source.received", "source", source),
                counter("tributary.source.written", "source", source),
                counter("tributary.source.dead.lettered", "source", source),
                counter("tributary.source.redelivered", "source", source));
    }

    @Override
    public void recordsWritten(String table, int count) {
        counter("tributary.lake.rows", "table", table).increment(count);
    }

    @Override
    public void fileCommitted(String table, Path file, long records) {
        counter("tributary.lake.files", "table", table).increment();
    }

    @Override
    public void deadLettered(String table, String reason) {
        counter("tributary.lake.dead.lettered", "table", table).increment();
    }

    /** Totals over all sources or tables, by counter name, for the console and the status page. */
    public Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        registry.getMeters().stream().filter(m -> m instanceof Counter).map(m -> (Counter) m)
                .forEach(c -> totals.merge(c.getId().getName(), (long) c.count(), Long::sum));
        return totals;
    }

    /** One counter's value per tag value, e.g. rows per table. */
    public Map<String, Long> byTag(String name, String tag) {
        Map<String, Long> values = new TreeMap<>();
        registry.find(name).counters().forEach(c -> values.put(c.getId().getTag(tag), (long) c.count()));
        return values;
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '\u0000' + value,
                k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}

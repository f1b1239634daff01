package io.tributary.benchmarks;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** Picks a few client-wide metrics by name, for a one-line diagnosis next to the numbers. */
final class ClientMetrics {

    private ClientMetrics() {
    }

    static String describe(Map<MetricName, ? extends Metric> metrics, String group, String... names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
                MetricName metric = entry.getKey();
                // client-wide values carry only the client-id tag; per-topic/per-node ones carry more
                if (metric.group().equals(group) && metric.name().equals(name) && metric.tags().size() == 1) {
                    Object value = entry.getValue().metricValue();
                    text.append(name).append('=').append(value instanceof Double d
                            ? String.format(Locale.ROOT, "%.1f", d) : value).append(' ');
                }
            }
        }
        return text.toString().trim();
    }
}

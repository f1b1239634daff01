package io.tributary.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of a wrapper and of the bare client it wraps, measured in alternating rounds of one
 * run; the first rounds are warm-up and are printed but not counted.
 */
final class Comparison {

    private final String bareName;
    private final String wrapperName;
    private final String unit;
    private final List<Double> bare = new ArrayList<>();
    private final List<Double> wrapper = new ArrayList<>();

    /** @param unit what is counted per second, e.g. {@code rows/s} */
    Comparison(String bareName, String wrapperName, String unit) {
        this.bareName = bareName;
        this.wrapperName = wrapperName;
        this.unit = unit;
    }

    void record(int round, boolean warmUp, long records, long bareNanos, long wrapperNanos) {
        double bareRate = rate(records, bareNanos);
        double wrapperRate = rate(records, wrapperNanos);
        System.out.printf(Locale.ROOT, "round %d%s: %s %,.0f %s (%,d ms), %s %,.0f %s (%,d ms), ratio %.2f%n",
                round, warmUp ? " (warm-up)" : "", bareName, bareRate, unit, bareNanos / 1_000_000,
                wrapperName, wrapperRate, unit, wrapperNanos / 1_000_000, wrapperRate / bareRate);
        if (!warmUp) {
            bare.add(bareRate);
            wrapper.add(wrapperRate);
        }
    }

    void printSummary() {
        if (bare.isEmpty()) {
            System.out.println("no measured rounds (all were warm-up)");
            return;
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < bare.size(); i++) {
            ratios.add(wrapper.get(i) / bare.get(i));
        }
        System.out.printf(Locale.ROOT, "median of %d rounds: %s %,.0f %s, %s %,.0f %s, ratio %s/%s %.2f"
                        + " (per round %.2f..%.2f)%n",
                bare.size(), bareName, median(bare), unit, wrapperName, median(wrapper), unit, wrapperName, bareName,
                median(ratios), ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    static double rate(long records, long nanos) {
        return records * 1e9 / nanos;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}

package dev.runbookbot.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a sample, for benchmark output. */
record Percentiles(double p50, double p95, double p99, double max, int count) {
    static Percentiles of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    private static double at(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String format(String unit) {
        return String.format(
                Locale.ROOT,
                "p50=%.3f%s p95=%.3f%s p99=%.3f%s max=%.3f%s (n=%d)",
                p50,
                unit,
                p95,
                unit,
                p99,
                unit,
                max,
                unit,
                count);
    }
}

package dev.runbookbot.diagnose.prometheus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series of a query result: its labels and its value. For a range-vector (matrix) result {@code value} is the
 * newest point and {@code values} all points, oldest first; otherwise {@code values} is just {@code [value]}. A scalar
 * result is one sample with no labels.
 */
record Sample(Map<String, String> labels, double value, List<Double> values) {
    Sample {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        values = List.copyOf(values);
    }

    boolean isFinite() {
        return Double.isFinite(value);
    }

    /** The series as PromQL writes it: {@code up{instance="a:9100", job="node"}}, values Go-quoted. */
    String series() {
        StringBuilder sb = new StringBuilder(labels.getOrDefault("__name__", ""));
        StringBuilder inner = new StringBuilder();
        labels.forEach((name, v) -> {
            if (!name.equals("__name__")) {
                if (inner.length() > 0) {
                    inner.append(", ");
                }
                inner.append(name).append('=').append(quote(v));
            }
        });
        if (inner.length() > 0 || sb.length() == 0) {
            sb.append('{').append(inner).append('}');
        }
        return sb.toString();
    }

    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (!Character.isISOControl(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A sample value as Prometheus writes it: {@code 1}, {@code 0.25}, {@code NaN}, {@code +Inf}. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}

package dev.runbookbot.diagnose;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Short, readable renderings of fact values for reasons: {@code value=NaN}, {@code status='critical'}. */
final class FactText {
    private static final int MAX_TEXT = 60;
    private static final int MAX_SERIES = 3;

    private FactText() {}

    static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f.doubleValue());
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().replace("\n", "\\n");
            return "'" + (s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s) + "'";
        }
        if (value instanceof Collection<?> items) {
            return "[" + items.size() + (items.size() == 1 ? " item]" : " items]");
        }
        if (value instanceof Map<?, ?> map) {
            return "{" + map.size() + (map.size() == 1 ? " entry}" : " entries}");
        }
        return String.valueOf(value);
    }

    /**
     * A list of series ({@code samples}) with the ones that breached: {@code [3 items; breached by
     * {pod="a"} = 7, {pod="b"} = 9 and 1 more]}, at most {@value #MAX_SERIES} named.
     */
    static String series(Object samples, List<?> breached) {
        StringBuilder text = new StringBuilder(format(samples));
        text.setLength(text.length() - 1);
        text.append("; breached by ");
        for (int i = 0; i < breached.size() && i < MAX_SERIES; i++) {
            text.append(i == 0 ? "" : ", ").append(oneSeries(breached.get(i)));
        }
        if (breached.size() > MAX_SERIES) {
            text.append(" and ").append(breached.size() - MAX_SERIES).append(" more");
        }
        return text.append(']').toString();
    }

    /** {@code name{label="value", ...} = 7}, as Prometheus writes a series; labels in name order. */
    private static String oneSeries(Object sample) {
        if (!(sample instanceof Map<?, ?> map)) {
            return format(sample);
        }
        String name = "";
        List<String> labels = new ArrayList<>();
        if (map.get("labels") instanceof Map<?, ?> all) {
            for (Map.Entry<?, ?> label : new TreeMap<>(all).entrySet()) {
                if (label.getKey().equals("__name__")) {
                    name = String.valueOf(label.getValue());
                } else {
                    labels.add(label.getKey() + "=\"" + quoted(String.valueOf(label.getValue())) + "\"");
                }
            }
        }
        String value = map.containsKey("value") ? format(map.get("value")) : "?";
        String series = name + "{" + String.join(", ", labels) + "}";
        if (series.length() > MAX_TEXT * 2) {
            series = series.substring(0, MAX_TEXT * 2) + "…}";
        }
        return series + " = " + value;
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}

package dev.runbookbot.diagnose;

import java.util.Collection;
import java.util.Map;

/** Short, readable renderings of fact values for reasons: {@code value=NaN}, {@code status='critical'}. */
final class FactText {
    private static final int MAX_TEXT = 60;

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

package dev.runbookbot.expr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How a value reads as text in a rendered template: a whole double without its ".0", a time as RFC 3339 UTC to the
 * second ({@code 2026-01-01T09:30:00Z}), anything else as written.
 */
final class TemplateValues {
    private TemplateValues() {}

    static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return String.valueOf(value);
    }

    /** At most 40 characters of the value, on one line, for an error message. */
    static String abbreviate(Object value) {
        String text = text(value).replace('\n', ' ');
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}

package dev.runbookbot.audit;

import java.util.Optional;

/**
 * Builds the small JSON objects written into timeline details ({@link NewTimelineEvent#detail()}), here and by the
 * remediation pipeline. Values are strings or numbers; strings are escaped as JSON requires, so hostile text (alert
 * labels, command output) stays inside its string. Not thread-safe: one builder per detail.
 */
public final class DetailJson {
    private final StringBuilder json = new StringBuilder("{");

    public DetailJson put(String name, String value) {
        separate();
        json.append(quote(name)).append(':').append(quote(value));
        return this;
    }

    public DetailJson put(String name, long value) {
        separate();
        json.append(quote(name)).append(':').append(value);
        return this;
    }

    public DetailJson put(String name, Optional<?> value) {
        return value.isPresent() ? put(name, value.get().toString()) : this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    /** {@code text} as a JSON string literal, for details with a shape this builder does not make (arrays). */
    public static String quote(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    private void separate() {
        if (json.length() > 1) {
            json.append(',');
        }
    }
}

package dev.runbookbot.incident;

import java.util.Optional;

/**
 * Builds the small JSON objects this package writes into timeline details. Values are strings or numbers; strings are
 * escaped as JSON requires, so hostile text (alert labels, command output) stays inside its string.
 */
final class DetailJson {
    private final StringBuilder json = new StringBuilder("{");

    DetailJson put(String name, String value) {
        separate();
        quote(name);
        json.append(':');
        quote(value);
        return this;
    }

    DetailJson put(String name, long value) {
        separate();
        quote(name);
        json.append(':').append(value);
        return this;
    }

    DetailJson put(String name, Optional<?> value) {
        return value.isPresent() ? put(name, value.get().toString()) : this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    private void separate() {
        if (json.length() > 1) {
            json.append(',');
        }
    }

    private void quote(String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}

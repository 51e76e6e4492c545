package dev.runbookbot.diagnose.http;

import java.util.List;

/**
 * The HTTP statuses that count as healthy: a list of inclusive ranges, written {@code 2xx}, {@code 200},
 * {@code 200-399}, or a list of those. The default is {@code 2xx}.
 */
record StatusExpectation(List<Range> ranges, String text) {
    static final StatusExpectation DEFAULT = new StatusExpectation(List.of(new Range(200, 299)), "2xx");

    record Range(int from, int to) {}

    StatusExpectation {
        ranges = List.copyOf(ranges);
    }

    boolean matches(int status) {
        return ranges.stream().anyMatch(r -> status >= r.from() && status <= r.to());
    }

    /** One range from its text; empty when it is not one of the accepted forms. */
    static java.util.Optional<Range> parseRange(Object value) {
        String text = String.valueOf(value).strip().toLowerCase(java.util.Locale.ROOT);
        if (text.matches("[1-5]xx")) {
            int base = (text.charAt(0) - '0') * 100;
            return java.util.Optional.of(new Range(base, base + 99));
        }
        if (text.matches("[1-5][0-9][0-9]")) {
            int status = Integer.parseInt(text);
            return java.util.Optional.of(new Range(status, status));
        }
        if (text.matches("[1-5][0-9][0-9]\\s*-\\s*[1-5][0-9][0-9]")) {
            String[] parts = text.split("-");
            int from = Integer.parseInt(parts[0].strip());
            int to = Integer.parseInt(parts[1].strip());
            return from <= to ? java.util.Optional.of(new Range(from, to)) : java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}

package dev.runbookbot.audit;

import java.util.Locale;

/**
 * The number of an incident, shown to people as {@code INC-42}. Assigned by the store in creation order; never reused.
 */
public record IncidentId(long value) {
    private static final String PREFIX = "INC-";

    public IncidentId {
        if (value < 1) {
            throw new IllegalArgumentException("an incident id is a positive number, got " + value);
        }
    }

    /**
     * Reads what a person typed: {@code INC-42}, {@code inc-42} or {@code 42}.
     *
     * @throws IllegalArgumentException naming the text when it is not an incident id
     */
    public static IncidentId parse(String text) {
        String trimmed = text.strip();
        String digits =
                trimmed.toUpperCase(Locale.ROOT).startsWith(PREFIX) ? trimmed.substring(PREFIX.length()) : trimmed;
        try {
            return new IncidentId(Long.parseLong(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an incident id: expected a number such as INC-42 or 42", e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + value;
    }
}

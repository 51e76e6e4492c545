package dev.runbookbot.audit;

import java.util.Objects;

/** The check every text field of this package's records makes: present and not blank. */
public final class NonBlank {
    private NonBlank() {}

    public static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}

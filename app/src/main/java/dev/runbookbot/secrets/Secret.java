package dev.runbookbot.secrets;

import java.util.Objects;

/**
 * A secret value. It never prints: {@link #toString()} is {@code <secret>}, so a secret that reaches a log line, a
 * Slack message or an exception message by accident shows nothing. Call {@link #reveal()} only at the point of use.
 */
public final class Secret {
    private final String name;
    private final String value;

    public Secret(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String name() {
        return name;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "<secret>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.name.equals(name) && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}

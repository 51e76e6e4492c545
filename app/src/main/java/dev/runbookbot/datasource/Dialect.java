package dev.runbookbot.datasource;

import java.util.Locale;
import java.util.Optional;

/** The databases a data source can point at, by JDBC URL prefix. Each gets its own read-only and timeout set-up. */
public enum Dialect {
    POSTGRESQL("jdbc:postgresql:"),
    SQLITE("jdbc:sqlite:");

    private final String prefix;

    Dialect(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    static Optional<Dialect> of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (lower.startsWith(d.prefix)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}

package dev.runbookbot.datasource;

import java.util.Objects;
import java.util.Optional;

/**
 * A data source could not be used, classified so callers can report it: the message names the source (its URL
 * masked) and never contains a password.
 */
public final class DataSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No data source of that name is configured. */
        UNKNOWN_SOURCE,
        /** A write was asked of a source that is not writable, or of a read-only session. */
        NOT_WRITABLE,
        /** The password secret is not in the secret store. */
        MISSING_SECRET,
        /** The database could not be reached or refused the login. */
        UNREACHABLE,
        /** The statement ran out of time (statement timeout, query timeout, lock wait). */
        TIMEOUT,
        /** The database rejected the statement. */
        QUERY
    }

    private final Kind kind;
    private final String sqlState;

    public DataSourceException(Kind kind, String message, String sqlState) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.sqlState = sqlState;
    }

    public DataSourceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The SQLSTATE the database reported, when it reported one. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}

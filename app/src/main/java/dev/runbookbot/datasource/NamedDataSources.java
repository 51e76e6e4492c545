package dev.runbookbot.datasource;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The configured databases, by name, and the only way to connect to them.
 *
 * <p>{@link #openReadOnly} is what diagnostics use, and the database enforces it, not our SQL parsing:
 *
 * <ul>
 *   <li>PostgreSQL: the login carries {@code default_transaction_read_only=on} and {@code statement_timeout}; then the
 *       session is set {@code READ ONLY} and the timeout again explicitly (so URL options cannot undo them), and the
 *       work runs in one transaction opened {@code READ ONLY}, rolled back at the end. Writes fail with SQLSTATE 25006.
 *       What a read-only transaction does not stop are functions with side effects outside the data
 *       ({@code pg_terminate_backend}, {@code pg_cancel_backend}, {@code dblink}); for those, give the data source a
 *       role that lacks the privilege (or one that is a member of {@code pg_read_all_data} only).
 *   <li>SQLite: the file is opened {@code SQLITE_OPEN_READONLY} (a missing file is an error, not a new empty database)
 *       and {@code PRAGMA query_only} is on.
 *   <li>Every statement also gets a JDBC query timeout, and every query a row cap.
 * </ul>
 *
 * <p>{@link #openForWrite} is for remediations and refuses a source not marked writable. Passwords come from the
 * {@link SecretResolver} at the moment of connecting and appear in no message. Thread-safe; sessions are not shared.
 */
public final class NamedDataSources {
    private final Map<String, DataSourceSettings> sources;
    private final SecretResolver secrets;

    public NamedDataSources(List<DataSourceSettings> sources, SecretResolver secrets) {
        Map<String, DataSourceSettings> byName = new LinkedHashMap<>();
        for (DataSourceSettings source : sources) {
            if (byName.putIfAbsent(source.name(), source) != null) {
                throw new IllegalArgumentException("data source '" + source.name() + "' is configured twice");
            }
        }
        this.sources = java.util.Collections.unmodifiableMap(byName);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    public Set<String> names() {
        return sources.keySet();
    }

    public Optional<DataSourceSettings> settings(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** Opens a read-only session bounded by the data source's own statement timeout. */
    public SqlSession openReadOnly(String name) throws DataSourceException {
        return openReadOnly(
                name, settings(name).map(DataSourceSettings::statementTimeout).orElse(Duration.ofSeconds(1)));
    }

    /** Opens a read-write session, bounded by the data source's own statement timeout; see {@link #openForWrite(String, Duration)}. */
    public SqlSession openForWrite(String name) throws DataSourceException {
        return openForWrite(
                name, settings(name).map(DataSourceSettings::statementTimeout).orElse(Duration.ofSeconds(1)));
    }

    /**
     * Opens a read-only session. {@code budget} bounds the connection attempt and every statement (the data source's
     * statement timeout applies when it is shorter).
     */
    public SqlSession openReadOnly(String name, Duration budget) throws DataSourceException {
        return open(name, budget, true);
    }

    /** Opens a read-write session on a data source marked writable; refuses any other. */
    public SqlSession openForWrite(String name, Duration budget) throws DataSourceException {
        return open(name, budget, false);
    }

    private SqlSession open(String name, Duration budget, boolean readOnly) throws DataSourceException {
        DataSourceSettings source = sources.get(name);
        if (source == null) {
            throw new DataSourceException(
                    DataSourceException.Kind.UNKNOWN_SOURCE,
                    "no data source named '" + name + "'; configured: "
                            + (sources.isEmpty() ? "none" : String.join(", ", sources.keySet())));
        }
        if (!readOnly && !source.writable()) {
            throw new DataSourceException(
                    DataSourceException.Kind.NOT_WRITABLE,
                    "data source '" + name + "' is not writable; mark it writable in the configuration to let"
                            + " remediations write to it");
        }
        String password = null;
        if (source.passwordSecretName().isPresent()) {
            Optional<Secret> secret =
                    secrets.resolve(source.passwordSecretName().get());
            if (secret.isEmpty()) {
                throw new DataSourceException(
                        DataSourceException.Kind.MISSING_SECRET,
                        "secret '" + source.passwordSecretName().get() + "', the password of data source '" + name
                                + "', is not defined");
            }
            password = secret.get().reveal();
        }
        Duration statementTimeout =
                budget.compareTo(source.statementTimeout()) < 0 ? budget : source.statementTimeout();
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new DataSourceException(
                    DataSourceException.Kind.TIMEOUT, "no time left to query data source '" + name + "'");
        }
        Connection connection = null;
        try {
            connection = switch (source.dialect()) {
                case POSTGRESQL -> postgres(source, password, budget, statementTimeout, readOnly);
                case SQLITE -> sqlite(source, statementTimeout, readOnly);
            };
            return new SqlSession(connection, source, readOnly, statementTimeout, password);
        } catch (SQLException e) {
            closeQuietly(connection);
            DataSourceException classified = SqlErrors.classify(
                    e, "cannot connect to data source '" + name + "' (" + source.maskedUrl() + "): ", password);
            throw new DataSourceException(
                    classified.kind() == DataSourceException.Kind.TIMEOUT
                            ? DataSourceException.Kind.TIMEOUT
                            : DataSourceException.Kind.UNREACHABLE,
                    classified.getMessage(),
                    classified.sqlState().orElse(null));
        }
    }

    private static Connection postgres(
            DataSourceSettings source, String password, Duration budget, Duration statementTimeout, boolean readOnly)
            throws SQLException {
        Properties properties = new Properties();
        source.user().ifPresent(user -> properties.setProperty("user", user));
        if (password != null) {
            properties.setProperty("password", password);
        }
        long millis = statementTimeout.toMillis();
        String seconds = Long.toString(Math.max(1, (budget.toMillis() + 999) / 1000));
        properties.setProperty("ApplicationName", "runbook-bot");
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", Long.toString((millis + 999) / 1000 + 5));
        properties.setProperty("stringtype", "unspecified");
        properties.setProperty(
                "options", (readOnly ? "-c default_transaction_read_only=on " : "") + "-c statement_timeout=" + millis);
        if (readOnly) {
            properties.setProperty("readOnly", "true");
            properties.setProperty("readOnlyMode", "always");
        }
        Connection connection = new org.postgresql.Driver().connect(source.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept this URL", "08001");
        }
        try {
            try (Statement statement = connection.createStatement()) {
                if (readOnly) {
                    statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                }
                statement.execute("SET statement_timeout = " + millis);
            }
            connection.setAutoCommit(false);
            connection.setReadOnly(readOnly);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static Connection sqlite(DataSourceSettings source, Duration statementTimeout, boolean readOnly)
            throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.resetOpenMode(SQLiteOpenMode.CREATE); // a missing file is an error, never a new empty database
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, statementTimeout.toMillis()));
        Connection connection = new org.sqlite.JDBC().connect(source.jdbcUrl(), config.toProperties());
        if (connection == null) {
            throw new SQLException("the SQLite driver does not accept this URL");
        }
        try {
            if (readOnly) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA query_only = 1");
                }
            }
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already failing
            }
        }
    }
}

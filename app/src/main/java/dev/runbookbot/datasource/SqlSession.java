package dev.runbookbot.datasource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connection to one data source, inside one transaction, for one caller. A read-only session was opened so that
 * the database itself refuses writes; its transaction is always rolled back. A write session commits only when told
 * to. Every statement carries the statement timeout as a JDBC query timeout too, and every query the row cap. Not
 * thread-safe; close it (try-with-resources).
 */
public final class SqlSession implements AutoCloseable {
    private static final int MAX_FETCH_SIZE = 500;

    private final Connection connection;
    private final DataSourceSettings source;
    private final boolean readOnly;
    private final Duration statementTimeout;
    private final String password;

    SqlSession(
            Connection connection,
            DataSourceSettings source,
            boolean readOnly,
            Duration statementTimeout,
            String password) {
        this.connection = connection;
        this.source = source;
        this.readOnly = readOnly;
        this.statementTimeout = statementTimeout;
        this.password = password;
    }

    public String sourceName() {
        return source.name();
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The statement timeout in force: the data source's, or the caller's time budget when that is shorter. */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /**
     * Runs a query with {@code ?} parameters bound to {@code bindValues} (never spliced into the text) and returns at
     * most {@code maxRows} rows (and never more than the data source allows), flagging the rest as truncated.
     */
    public QueryResult query(String sql, List<Object> bindValues, int maxRows) throws DataSourceException {
        int cap = Math.max(1, Math.min(maxRows, source.maxRows()));
        long start = System.nanoTime();
        try (PreparedStatement statement = prepare(sql, bindValues)) {
            StatementWatchdog watchdog = watchdog(statement);
            try {
                statement.setMaxRows(cap + 1);
                statement.setFetchSize(Math.min(cap + 1, MAX_FETCH_SIZE));
                try (ResultSet rs = statement.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = columnLabels(meta);
                    List<Map<String, Object>> rows = new ArrayList<>();
                    boolean truncated = false;
                    while (rs.next()) {
                        if (rows.size() == cap) {
                            truncated = true;
                            break;
                        }
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            row.put(columns.get(i), JdbcValues.read(rs, meta, i + 1));
                        }
                        rows.add(row);
                    }
                    return new QueryResult(columns, rows, truncated, Duration.ofNanos(System.nanoTime() - start));
                }
            } finally {
                watchdog.close();
            }
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "", password);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE in this session's transaction; refused in a read-only session. */
    public int update(String sql, List<Object> bindValues) throws DataSourceException {
        if (readOnly) {
            throw new DataSourceException(
                    DataSourceException.Kind.NOT_WRITABLE,
                    "this session on data source '" + source.name() + "' is read-only");
        }
        try (PreparedStatement statement = prepare(sql, bindValues)) {
            StatementWatchdog watchdog = watchdog(statement);
            try {
                return statement.executeUpdate();
            } finally {
                watchdog.close();
            }
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "", password);
        }
    }

    /** Commits a write session's transaction. */
    public void commit() throws DataSourceException {
        if (readOnly) {
            throw new DataSourceException(
                    DataSourceException.Kind.NOT_WRITABLE,
                    "this session on data source '" + source.name() + "' is read-only");
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "", password);
        }
    }

    /** Rolls back whatever was not committed and closes the connection. Never throws. */
    @Override
    public void close() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // closing anyway
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to do
        }
    }

    /**
     * A watchdog for drivers whose query timeout does not stop a running statement (SQLite); an idle one otherwise
     * (PostgreSQL enforces {@code statement_timeout} on the server, and pgjdbc's query timeout sends a cancel).
     */
    private StatementWatchdog watchdog(Statement statement) {
        return source.dialect() == Dialect.SQLITE
                ? StatementWatchdog.guard(statement, statementTimeout)
                : StatementWatchdog.idle();
    }

    private PreparedStatement prepare(String sql, List<Object> bindValues) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout((int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000));
            for (int i = 0; i < bindValues.size(); i++) {
                Object value = JdbcValues.bindable(bindValues.get(i));
                if (value == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static List<String> columnLabels(ResultSetMetaData meta) throws SQLException {
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i);
            String unique = label;
            for (int n = 2; !seen.add(unique); n++) {
                unique = label + "_" + n;
            }
            labels.add(unique);
        }
        return labels;
    }
}

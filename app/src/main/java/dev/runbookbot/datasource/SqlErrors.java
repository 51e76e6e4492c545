package dev.runbookbot.datasource;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Classifies driver exceptions into {@link DataSourceException} kinds, with a short message. */
final class SqlErrors {
    private static final Set<String> CANNOT_CONNECT = Set.of("3D000", "53300", "57P01", "57P02", "57P03");

    private SqlErrors() {}

    static DataSourceException classify(SQLException e, String prefix, String password) {
        String state = e.getSQLState();
        DataSourceException.Kind kind;
        if (e instanceof SQLTimeoutException || "57014".equals(state)) {
            kind = DataSourceException.Kind.TIMEOUT;
        } else if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            kind = switch (code.code & 0xff) {
                case 9 /* SQLITE_INTERRUPT */, 5 /* SQLITE_BUSY */, 6 /* SQLITE_LOCKED */ ->
                    DataSourceException.Kind.TIMEOUT;
                case 14 /* SQLITE_CANTOPEN */, 26 /* SQLITE_NOTADB */ -> DataSourceException.Kind.UNREACHABLE;
                default -> DataSourceException.Kind.QUERY;
            };
        } else if (state != null
                && (state.startsWith("08") || state.startsWith("28") || CANNOT_CONNECT.contains(state))) {
            kind = DataSourceException.Kind.UNREACHABLE;
        } else {
            kind = DataSourceException.Kind.QUERY;
        }
        return new DataSourceException(kind, prefix + describe(e, password), state);
    }

    /** The first line of the driver's message, without PostgreSQL's "ERROR: " prefix, with any password masked. */
    static String describe(SQLException e, String password) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.startsWith("ERROR: ")) {
            message = message.substring("ERROR: ".length());
        }
        if (password != null && !password.isEmpty()) {
            message = message.replace(password, "<secret>");
        }
        String state = e.getSQLState();
        return state == null || state.isEmpty() ? message : message + " (SQLSTATE " + state + ")";
    }
}

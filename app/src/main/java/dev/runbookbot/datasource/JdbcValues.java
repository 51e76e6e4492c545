package dev.runbookbot.datasource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Converts JDBC values to the few types conditions understand, and bind values to what drivers accept. */
final class JdbcValues {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private JdbcValues() {}

    /** Column {@code column} of the current row as {@code Long}, {@code Double}, {@code String}, {@code Boolean} or null. */
    static Object read(ResultSet rs, ResultSetMetaData meta, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return number(d);
        }
        if (value instanceof BigInteger i) {
            return number(new BigDecimal(i));
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof java.sql.Timestamp) {
            boolean zoned = meta.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE
                    || meta.getColumnTypeName(column).toLowerCase(Locale.ROOT).equals("timestamptz");
            return zoned
                    ? rs.getObject(column, OffsetDateTime.class).toString()
                    : rs.getObject(column, LocalDateTime.class).toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time t) {
            return t.toLocalTime().toString();
        }
        if (value instanceof TemporalAccessor t) {
            return t.toString();
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(clob.length(), Integer.MAX_VALUE));
        }
        if (value instanceof Array array) {
            Object elements = array.getArray();
            return elements instanceof Object[] items ? java.util.Arrays.toString(items) : String.valueOf(elements);
        }
        return value.toString();
    }

    private static Object number(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
            return stripped.longValueExact();
        }
        return d.doubleValue();
    }

    /** A template value as a bind value: numbers, booleans and text as they are, anything else as its text. */
    static Object bindable(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof LocalDate || value instanceof LocalTime || value instanceof LocalDateTime) {
            return value;
        }
        return String.valueOf(value);
    }
}

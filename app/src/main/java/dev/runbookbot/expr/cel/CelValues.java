package dev.runbookbot.expr.cel;

import com.google.protobuf.Timestamp;
import dev.cel.common.values.NullValue;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ValueType;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Converts our Java values into the ones CEL evaluates: whole numbers become {@code Long}, other numbers
 * {@code Double}, collections {@code List}, maps {@code Map} with string keys, {@code null} CEL's null; inside
 * untyped data, enums, times, durations, UUIDs, URIs and paths become their text. A value that
 * does not fit its declared {@link ValueType} is an error naming the variable, never a CEL crash later.
 */
final class CelValues {
    private static final int MAX_DEPTH = 32;

    private CelValues() {}

    static Object convert(String name, ValueType type, Object value) throws ConditionException {
        if (value == null) {
            throw mismatch(name, type, null);
        }
        return switch (type) {
            case BOOL -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw mismatch(name, type, value);
            }
            case INT -> wholeNumber(value).orElseThrow(() -> mismatch(name, type, value));
            case DOUBLE -> {
                if (value instanceof Number n) {
                    yield n.doubleValue();
                }
                throw mismatch(name, type, value);
            }
            case STRING -> {
                if (value instanceof CharSequence || value instanceof Character) {
                    yield value.toString();
                }
                throw mismatch(name, type, value);
            }
            case STRING_LIST -> {
                if (!(value instanceof Collection<?> items)) {
                    throw mismatch(name, type, value);
                }
                List<Object> out = new ArrayList<>(items.size());
                int index = 0;
                for (Object item : items) {
                    out.add(convert(name + "[" + index++ + "]", ValueType.STRING, item));
                }
                yield Collections.unmodifiableList(out);
            }
            case STRING_MAP -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw mismatch(name, type, value);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    out.put(key, convert(name + "['" + key + "']", ValueType.STRING, e.getValue()));
                }
                yield Collections.unmodifiableMap(out);
            }
            case MAP_LIST -> {
                if (!(value instanceof Collection<?> items)) {
                    throw mismatch(name, type, value);
                }
                List<Object> out = new ArrayList<>(items.size());
                int index = 0;
                for (Object item : items) {
                    out.add(convert(name + "[" + index++ + "]", ValueType.MAP, item));
                }
                yield Collections.unmodifiableList(out);
            }
            case MAP -> {
                if (!(value instanceof Map<?, ?>)) {
                    throw mismatch(name, type, value);
                }
                yield any(name, value, 0);
            }
            case MAP_OF_MAPS -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw mismatch(name, type, value);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    out.put(key, convert(name + "['" + key + "']", ValueType.MAP, e.getValue()));
                }
                yield Collections.unmodifiableMap(out);
            }
            case DYN -> any(name, value, 0);
            case TIMESTAMP -> {
                if (value instanceof Instant instant) {
                    yield Timestamp.newBuilder()
                            .setSeconds(instant.getEpochSecond())
                            .setNanos(instant.getNano())
                            .build();
                }
                throw mismatch(name, type, value);
            }
        };
    }

    /** Converts a value of any supported shape, keeping its structure. */
    private static Object any(String path, Object value, int depth) throws ConditionException {
        if (depth > MAX_DEPTH) {
            throw new ConditionException(
                    "value of " + path + " is nested more than " + MAX_DEPTH + " levels deep", -1, "");
        }
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Character || isTextual(value)) {
            return value.toString();
        }
        if (value instanceof Number n) {
            Optional<Long> whole = wholeNumber(n);
            return whole.isPresent() ? whole.get() : (Object) n.doubleValue();
        }
        if (value instanceof Optional<?> optional) {
            return any(path, optional.orElse(null), depth + 1);
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            int index = 0;
            for (Object item : items) {
                out.add(any(path + "[" + index++ + "]", item, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey() instanceof Number n ? wholeNumber(n).orElse(null) : e.getKey();
                if (!(key instanceof String || key instanceof Long || key instanceof Boolean)) {
                    key = String.valueOf(e.getKey());
                }
                out.put(key, any(path + "['" + key + "']", e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new ConditionException(
                "value of " + path + " has a type conditions cannot read: "
                        + value.getClass().getName(),
                -1,
                "");
    }

    /** Values whose text is their meaning: enums, times, durations, ids, URIs and paths read as strings. */
    private static boolean isTextual(Object value) {
        return value instanceof Enum<?>
                || value instanceof TemporalAccessor
                || value instanceof Duration
                || value instanceof UUID
                || value instanceof URI
                || value instanceof Path;
    }

    /** Integral Java numbers as {@code Long}; empty for fractional types and out-of-range big integers. */
    private static Optional<Long> wholeNumber(Object value) {
        if (value instanceof Long l) {
            return Optional.of(l);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return Optional.of(big.longValue());
        }
        if (value instanceof AtomicLong || value instanceof AtomicInteger) {
            return Optional.of(((Number) value).longValue());
        }
        return Optional.empty();
    }

    private static ConditionException mismatch(String name, ValueType type, Object value) {
        String got = value == null
                ? "no value (null)"
                : value instanceof Number
                        ? "the number " + value
                        : "a " + value.getClass().getSimpleName();
        return new ConditionException(
                "variable " + name + " is declared " + typeName(type) + " but got " + got, -1, "");
    }

    /** The CEL spelling of a declared type, as messages show it. */
    static String typeName(ValueType type) {
        return switch (type) {
            case BOOL -> "bool";
            case INT -> "int";
            case DOUBLE -> "double";
            case STRING -> "string";
            case STRING_LIST -> "list(string)";
            case STRING_MAP -> "map(string, string)";
            case MAP_LIST -> "list(map(string, dyn))";
            case MAP -> "map(string, dyn)";
            case MAP_OF_MAPS -> "map(string, map(string, dyn))";
            case DYN -> "dyn";
            case TIMESTAMP -> "timestamp";
        };
    }

    /** A short description of an evaluated value for messages, e.g. {@code string 'critical'}. */
    static String describe(Object value) {
        if (value == null || value instanceof NullValue) {
            return "null";
        }
        if (value instanceof String s) {
            return "string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        if (value instanceof Timestamp t) {
            return "timestamp " + Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        }
        if (value instanceof Long l) {
            return "int " + l;
        }
        if (value instanceof Double d) {
            return "double " + d;
        }
        if (value instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (value instanceof Map<?, ?> m) {
            return "a map of " + m.size();
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}

package dev.runbookbot.diagnose.recorded;

import dev.runbookbot.expr.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a recorded fact value to the Java type its declared {@link ValueType} stands for: {@code Long} for INT,
 * {@code Double} for DOUBLE (a whole number too, and the texts {@code NaN}, {@code +Inf}, {@code -Inf}, which YAML and
 * JSON cannot write as numbers), text for STRING, and so on. Inside lists and maps whole numbers become {@code Long}
 * and other numbers {@code Double}, as the live executors produce them. A value that does not fit is an
 * {@link IllegalArgumentException} saying what was expected.
 */
final class FactValues {
    private FactValues() {}

    static Object convert(ValueType type, Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("is null; a recorded fact needs a value (leave the fact out instead)");
        }
        return switch (type) {
            case BOOL -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                throw mismatch("true or false", raw);
            }
            case INT -> integer(raw);
            case DOUBLE -> number(raw);
            case STRING -> text(raw);
            case STRING_LIST -> list(raw).stream().map(FactValues::text).toList();
            case STRING_MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map(raw).forEach((k, v) -> out.put(k, text(v)));
                yield Collections.unmodifiableMap(out);
            }
            case MAP_LIST -> {
                List<Object> out = new ArrayList<>();
                for (Object element : list(raw)) {
                    out.add(normalized(map(element)));
                }
                yield Collections.unmodifiableList(out);
            }
            case MAP -> normalized(map(raw));
            case MAP_OF_MAPS -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map(raw).forEach((k, v) -> out.put(k, normalized(map(v))));
                yield Collections.unmodifiableMap(out);
            }
            case DYN -> normalized(raw);
            case TIMESTAMP -> {
                try {
                    yield java.time.Instant.parse(text(raw));
                } catch (java.time.format.DateTimeParseException e) {
                    throw mismatch("an RFC 3339 time such as 2026-01-01T00:00:00Z", raw);
                }
            }
        };
    }

    private static Long integer(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (raw instanceof Double || raw instanceof Float || raw instanceof BigDecimal) {
            double d = ((Number) raw).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
        }
        throw mismatch("a whole number", raw);
    }

    private static Double number(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "nan", ".nan" -> {
                    return Double.NaN;
                }
                case "+inf", "inf", ".inf", "+.inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-.inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {}
            }
        }
        throw mismatch("a number (or NaN, +Inf, -Inf)", raw);
    }

    private static String text(Object raw) {
        if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return String.valueOf(raw);
        }
        throw mismatch("text", raw);
    }

    private static List<?> list(Object raw) {
        if (raw instanceof List<?> list) {
            return list;
        }
        throw mismatch("a list", raw);
    }

    private static Map<String, Object> map(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw mismatch("a mapping", raw);
    }

    /**
     * Whole numbers as Long, other numbers as Double, all the way down; the texts {@code NaN}, {@code +Inf} and
     * {@code -Inf}, which {@code run --json} prints for those numbers, become doubles again, except in a {@code labels}
     * map (label values are always text: a histogram's {@code le="+Inf"} stays text).
     */
    private static Object normalized(Object raw) {
        if (raw instanceof String s) {
            return switch (s) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> s;
            };
        }
        return normalizedNumbers(raw);
    }

    private static Object normalizedNumbers(Object raw) {
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (raw instanceof Float || raw instanceof BigDecimal) {
            return ((Number) raw).doubleValue();
        }
        if (raw instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(normalized(element)));
            return Collections.unmodifiableList(out);
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                out.put(key, key.equals("labels") ? labels(v) : normalized(v));
            });
            return Collections.unmodifiableMap(out);
        }
        return raw;
    }

    /** A labels map keeps its text as written. */
    private static Object labels(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof String ? v : normalized(v)));
            return Collections.unmodifiableMap(out);
        }
        return raw instanceof String ? raw : normalized(raw);
    }

    private static IllegalArgumentException mismatch(String expected, Object raw) {
        String shown = raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
        String kind = raw instanceof List ? "a list" : raw instanceof Map ? "a mapping" : shown;
        return new IllegalArgumentException("must be " + expected + ", got " + kind);
    }
}

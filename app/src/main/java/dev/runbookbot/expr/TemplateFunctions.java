package dev.runbookbot.expr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The functions a placeholder may call, with the names and behaviour of Prometheus' alert templates (so an on-call
 * engineer's annotations read the same here): {@code default}, {@code or}, {@code humanize}, {@code humanize1024},
 * {@code humanizeDuration}, {@code humanizePercentage}, {@code humanizeTimestamp}, {@code printf},
 * {@code reReplaceAll}, {@code toUpper}, {@code toLower}, {@code title}, {@code join}; and for the run's
 * {@code now}, {@code date} and {@code since}. A format string, a regular
 * expression and its replacement must be literals the author wrote: alert data never chooses them. Functions compute
 * plain values; the template escapes the final value for its sink like any other. Immutable and thread-safe.
 */
final class TemplateFunctions {
    /** At most this many characters of input to a regular expression (java.util.regex backtracks). */
    static final int MAX_REGEX_INPUT = 4096;

    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TemplateFunctions() {}

    /** One function: its name, how many arguments it takes, and which must be literals. */
    enum Function {
        DEFAULT("default", 2, 2, 0),
        OR("or", 1, 16, 0),
        HUMANIZE("humanize", 1, 1, 0),
        HUMANIZE_1024("humanize1024", 1, 1, 0),
        HUMANIZE_DURATION("humanizeDuration", 1, 1, 0),
        HUMANIZE_PERCENTAGE("humanizePercentage", 1, 1, 0),
        HUMANIZE_TIMESTAMP("humanizeTimestamp", 1, 1, 0),
        PRINTF("printf", 1, 16, 1),
        RE_REPLACE_ALL("reReplaceAll", 3, 3, 2),
        TO_UPPER("toUpper", 1, 1, 0),
        TO_LOWER("toLower", 1, 1, 0),
        TITLE("title", 1, 1, 0),
        JOIN("join", 2, 2, 1),
        /** A time (the run's {@code now}, Unix seconds, or RFC 3339 text) as {@code 2026-01-01 09:30:00 UTC}. */
        DATE("date", 1, 1, 0),
        /** The seconds from a time to the run's {@code now}: {@code since diagnostics.x.value | humanizeDuration}. */
        SINCE("since", 1, 1, 0);

        private final String templateName;
        private final int min;
        private final int max;
        private final int literals; // how many leading arguments must be literal text

        Function(String templateName, int min, int max, int literals) {
            this.templateName = templateName;
            this.min = min;
            this.max = max;
            this.literals = literals;
        }

        String templateName() {
            return templateName;
        }

        /** Checks the arguments where they are parsed: their number, the literals, a regular expression. */
        void check(List<TemplateExpression> args, int offset) throws TemplateException {
            if (args.size() < min || args.size() > max) {
                String expected = min == max ? String.valueOf(min) : max >= 16 ? "at least " + min : min + " to " + max;
                throw new TemplateException(
                        templateName + " takes " + expected + " argument" + (max == 1 ? "" : "s") + ", got "
                                + args.size(),
                        offset);
            }
            for (int i = 0; i < literals; i++) {
                if (!(args.get(i) instanceof TemplateExpression.Literal literal && literal.value() instanceof String)) {
                    throw new TemplateException(
                            templateName + "'s " + TemplateFunctions.nth(i)
                                    + " argument must be a quoted literal: alert data"
                                    + " never chooses a "
                                    + (this == PRINTF
                                            ? "format"
                                            : this == JOIN
                                                    ? "separator"
                                                    : i == 0 ? "regular expression" : "replacement"),
                            args.get(i).offset());
                }
            }
            if (this == RE_REPLACE_ALL) {
                TemplateExpression.Literal regex = (TemplateExpression.Literal) args.get(0);
                try {
                    Pattern.compile((String) regex.value());
                } catch (PatternSyntaxException e) {
                    throw new TemplateException(
                            "reReplaceAll: invalid regular expression: " + e.getDescription(), regex.offset());
                }
            }
        }
    }

    /** The function called {@code name}; an unknown name is an error suggesting the closest. */
    static Function named(String name, int offset) throws TemplateException {
        List<String> names = new ArrayList<>();
        for (Function f : Function.values()) {
            if (f.templateName.equals(name)) {
                return f;
            }
            names.add(f.templateName);
        }
        String closest = names.stream()
                .filter(n -> n.equalsIgnoreCase(name)
                        || n.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))
                        || n.toLowerCase(Locale.ROOT)
                                .startsWith(name.toLowerCase(Locale.ROOT).substring(0, Math.min(4, name.length()))))
                .findFirst()
                .map(n -> " (did you mean '" + n + "'?)")
                .orElse("");
        throw new TemplateException(
                "unknown template function '" + name + "'" + closest + "; functions: " + String.join(", ", names),
                offset);
    }

    /**
     * Applies {@code function} to evaluated arguments (null for an absent value). {@code lenient} is lint's sample
     * rendering: a value that is not a number where one is needed counts as 1 instead of failing.
     */
    static Object apply(Function function, List<Object> args, boolean lenient, int offset) throws TemplateException {
        switch (function) {
            case DEFAULT -> {
                Object value = args.get(1);
                return isEmpty(value) ? args.get(0) : value;
            }
            case OR -> {
                for (Object value : args) {
                    if (!isEmpty(value)) {
                        return value;
                    }
                }
                return args.get(args.size() - 1);
            }
            default -> {}
        }
        for (Object arg : args) {
            if (arg == null) {
                throw new TemplateException(function.templateName + " got no value", offset);
            }
        }
        return switch (function) {
            case HUMANIZE -> Humanize.humanize(number(function, args.get(0), lenient, offset));
            case HUMANIZE_1024 -> Humanize.humanize1024(number(function, args.get(0), lenient, offset));
            case HUMANIZE_DURATION -> Humanize.humanizeDuration(number(function, args.get(0), lenient, offset));
            case HUMANIZE_PERCENTAGE -> Humanize.goG(number(function, args.get(0), lenient, offset) * 100, 4) + "%";
            case HUMANIZE_TIMESTAMP -> Humanize.humanizeTimestamp(number(function, args.get(0), lenient, offset));
            case PRINTF -> GoFormat.format((String) args.get(0), args.subList(1, args.size()), lenient, offset);
            case RE_REPLACE_ALL -> {
                String input = TemplateValues.text(args.get(2));
                if (input.length() > MAX_REGEX_INPUT) {
                    throw new TemplateException(
                            "reReplaceAll: the value is longer than " + MAX_REGEX_INPUT + " characters", offset);
                }
                yield Pattern.compile((String) args.get(0)).matcher(input).replaceAll(goReplacement((String)
                        args.get(1)));
            }
            case TO_UPPER -> TemplateValues.text(args.get(0)).toUpperCase(Locale.ROOT);
            case TO_LOWER -> TemplateValues.text(args.get(0)).toLowerCase(Locale.ROOT);
            case TITLE -> title(TemplateValues.text(args.get(0)));
            case JOIN -> join((String) args.get(0), args.get(1), offset);
            case DATE -> DATE_FORMAT.format(time(function, args.get(0), lenient, offset));
            case SINCE -> {
                Instant from = time(function, args.get(0), lenient, offset);
                Instant now = time(function, args.get(1), lenient, offset);
                yield java.time.Duration.between(from, now).toMillis() / 1000.0;
            }
            case DEFAULT, OR -> throw new IllegalStateException("handled above");
        };
    }

    /** Go's "empty": absent, false, 0, "" or an empty list or map. */
    private static boolean isEmpty(Object value) {
        return value == null
                || Boolean.FALSE.equals(value)
                || (value instanceof Number n && n.doubleValue() == 0)
                || (value instanceof String s && s.isEmpty())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    static double number(Function function, Object value, boolean lenient, int offset) throws TemplateException {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond() + instant.getNano() / 1e9;
        }
        if (value instanceof String s) {
            String t = s.trim();
            try {
                return switch (t) {
                    case "NaN" -> Double.NaN;
                    case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(t);
                };
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        if (lenient) {
            return 1;
        }
        throw new TemplateException(
                function.templateName + " needs a number, got '" + TemplateValues.abbreviate(value) + "'", offset);
    }

    /** A time: an instant as it is, a number as Unix seconds, text as RFC 3339 or as a number of Unix seconds. */
    static Instant time(Function function, Object value, boolean lenient, int offset) throws TemplateException {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s.trim());
            } catch (DateTimeParseException e) {
                // a number of seconds, perhaps
            }
        }
        double seconds;
        try {
            seconds = number(function, value, lenient, offset);
        } catch (TemplateException e) {
            throw new TemplateException(
                    function.templateName + " needs a time (Unix seconds or RFC 3339), got '"
                            + TemplateValues.abbreviate(value) + "'",
                    offset);
        }
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || Math.abs(seconds) > 1e11) {
            throw new TemplateException(
                    function.templateName + " needs a time (Unix seconds or RFC 3339), got '"
                            + TemplateValues.abbreviate(value) + "'",
                    offset);
        }
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    /** Go's replacement syntax ({@code $1}, {@code ${1}}) for Java's: both read {@code $1}; a literal {@code \} is kept. */
    private static String goReplacement(String replacement) {
        return replacement.replace("\\", "\\\\").replaceAll("\\$\\{(\\w+)}", "\\$$1");
    }

    private static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toCharArray()) {
            out.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c);
        }
        return out.toString();
    }

    private static String join(String separator, Object list, int offset) throws TemplateException {
        if (!(list instanceof Collection<?> items)) {
            throw new TemplateException("join needs a list, got '" + TemplateValues.abbreviate(list) + "'", offset);
        }
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            texts.add(TemplateValues.text(item));
        }
        return String.join(separator, texts);
    }

    private static String nth(int i) {
        return switch (i) {
            case 0 -> "first";
            case 1 -> "second";
            default -> "third";
        };
    }
}

package dev.runbookbot.diagnose;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.text.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a step's free-form {@code config} block into typed values, collecting every problem with the dotted path of
 * the key it concerns (for example {@code diagnostics[1].config.urls[0].url}) instead of stopping at the first one. A
 * diagnostic type's {@code XxxConfig.parse} uses one reader per block and returns {@link #result}. A getter that meets
 * a problem records it and returns an empty or neutral value, so parsing can go on and find the next problem.
 *
 * <p>Not thread-safe: one reader per parse. Nested readers ({@link #object}, {@link #objects}) share the problem list
 * of the reader that made them.
 */
public final class StepConfigReader {
    private final String path;
    private final Map<String, Object> values;
    private final List<ConfigProblem> problems;

    public StepConfigReader(StepConfig config) {
        this(config.path(), config.values(), new ArrayList<>());
    }

    private StepConfigReader(String path, Map<String, Object> values, List<ConfigProblem> problems) {
        this.path = path;
        this.values = values;
        this.problems = problems;
    }

    /** The dotted path of {@code key} in this block. */
    public String pathOf(String key) {
        return path + "." + key;
    }

    public String path() {
        return path;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Records a problem at {@code key}. */
    public void problem(String key, String message) {
        problems.add(new ConfigProblem(pathOf(key), message));
    }

    /** Records a problem at {@code key} with a hint (a rewrite or the fix). */
    public void problem(String key, String message, String hint) {
        problems.add(new ConfigProblem(pathOf(key), message, hint));
    }

    /** Every problem recorded so far, by this reader and the nested readers it made. */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** The parsed config when no problem was recorded, otherwise the problems. */
    public <T> ParsedConfig<T> result(T config) {
        return problems.isEmpty() ? ParsedConfig.valid(config) : ParsedConfig.invalid(problems);
    }

    /** Records a problem for every key not in {@code known} (typos must not be silently ignored). */
    public void rejectUnknownKeys(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                problem(
                        key,
                        "unknown key '" + key + "'",
                        "known keys here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** The value at {@code key} as parsed from YAML, for values of more than one shape. */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A scalar value as text; a map or list is a problem. */
    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            problem(key, "must be a single value, not a " + kindOf(value));
            return Optional.empty();
        }
        return Optional.of(String.valueOf(value));
    }

    /** A scalar value as text that must be present and not blank. */
    public Optional<String> requiredString(String key) {
        if (!has(key)) {
            problem(key, "is required");
            return Optional.empty();
        }
        Optional<String> text = string(key);
        if (text.isPresent() && text.get().isBlank()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    /** A whole number within {@code [min, max]}. */
    public Optional<Long> integer(String key, long min, long max) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof String s && s.strip().matches("-?[0-9]{1,18}")) {
            number = Long.parseLong(s.strip());
        } else {
            problem(key, "must be a whole number, got '" + value + "'");
            return Optional.empty();
        }
        if (number < min || number > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + number);
            return Optional.empty();
        }
        return Optional.of(number);
    }

    /** {@code true} or {@code false}. */
    public Optional<Boolean> bool(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        problem(key, "must be true or false, got '" + value + "'");
        return Optional.empty();
    }

    /**
     * A duration: a number of seconds ({@code 10}, {@code 2.5}) or Prometheus-style text ({@code 500ms}, {@code 15m},
     * {@code 1h30m}); must be positive and at most {@code max}.
     */
    public Optional<Duration> duration(String key, Duration max) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Optional<Duration> parsed = DurationText.parse(value);
        if (parsed.isEmpty()) {
            problem(key, "must be a duration such as 30s, 15m or 1h30m, got '" + value + "'");
            return Optional.empty();
        }
        Duration d = parsed.get();
        if (d.isZero() || d.isNegative()) {
            problem(key, "must be longer than zero");
            return Optional.empty();
        }
        if (d.compareTo(max) > 0) {
            problem(key, "must be at most " + DurationText.format(max) + ", got " + value);
            return Optional.empty();
        }
        return parsed;
    }

    /** A Java regular expression (not templated). */
    public Optional<Pattern> regex(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (Template.isTemplated(text.get())) {
            problem(
                    key,
                    "must not contain {{ }} placeholders: alert data cannot be put in a regular expression safely",
                    "match a fixed pattern here and compare values in the interpret conditions");
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(text.get()));
        } catch (PatternSyntaxException e) {
            problem(key, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return Optional.empty();
        }
    }

    /**
     * A template for {@code sink}: parsed, and every placeholder checked to stand where the sink can take it safely.
     */
    public Optional<Template> template(String key, TemplateSink sink) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Template template = Template.parse(text.get());
            template.checkPlacement(sink);
            return Optional.of(template);
        } catch (TemplateException e) {
            problem(key, e.getMessage() + (e.offset() >= 0 ? " (at character " + (e.offset() + 1) + ")" : ""));
            return Optional.empty();
        }
    }

    /** A nested block. */
    public Optional<StepConfigReader> object(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            return Optional.of(new StepConfigReader(pathOf(key), stringKeys(map), problems));
        }
        problem(key, "must be a mapping of keys to values, not a " + kindOf(value));
        return Optional.empty();
    }

    /** The raw entries of a nested block, for maps whose keys are data (such as HTTP header names). */
    public Map<String, Object> entries(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        problem(key, "must be a mapping of keys to values, not a " + kindOf(value));
        return Map.of();
    }

    /** A list of nested blocks; element {@code i} reports problems under {@code key[i]}. */
    public List<StepConfigReader> objects(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(key, "must be a list, not a " + kindOf(value));
            return List.of();
        }
        List<StepConfigReader> readers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            String elementPath = pathOf(key) + "[" + i + "]";
            if (element instanceof Map<?, ?> map) {
                readers.add(new StepConfigReader(elementPath, stringKeys(map), problems));
            } else {
                problems.add(new ConfigProblem(
                        elementPath, "must be a mapping of keys to values, not a " + kindOf(element)));
            }
        }
        return readers;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String kindOf(Object value) {
        if (value instanceof Map) {
            return "mapping";
        }
        if (value instanceof List) {
            return "list";
        }
        return "single value";
    }
}

package dev.runbookbot.runbook;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.text.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fills a runbook's declared parameters for one run: a value given explicitly (slash command, CLI) wins, then the alert
 * label named by {@code fromLabel}, then the declared default. Values are checked against the declared type; an
 * undeclared name, a missing required value or a badly typed value is reported, all at once.
 */
public final class ParameterBinder {
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");

    private ParameterBinder() {}

    public static TemplateContext bind(
            RunbookSpec runbook, Map<String, String> given, Map<String, String> labels, Map<String, String> annotations)
            throws ParameterException {
        List<String> problems = new ArrayList<>();
        for (String name : given.keySet()) {
            if (runbook.parameter(name).isEmpty()) {
                problems.add(
                        "runbook '" + runbook.id() + "' has no parameter '" + name + "'" + suggestion(runbook, name));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParameterSpec parameter : runbook.parameters()) {
            Optional<String> raw = Optional.ofNullable(given.get(parameter.name()))
                    .or(() -> parameter.fromLabel().map(labels::get))
                    .or(parameter::defaultValue);
            if (raw.isEmpty()) {
                if (parameter.required()) {
                    problems.add("parameter '" + parameter.name() + "' is required"
                            + parameter
                                    .fromLabel()
                                    .map(l -> " (give it, or send an alert with label '" + l + "')")
                                    .orElse(""));
                }
                continue;
            }
            try {
                params.put(parameter.name(), convert(parameter.type(), raw.get()));
            } catch (IllegalArgumentException e) {
                problems.add("parameter '" + parameter.name() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
        return new TemplateContext(params, labels, annotations);
    }

    /**
     * Converts a raw value to {@code type}'s Java value ({@link String}, {@link Long}, {@link Double}, {@link Boolean},
     * or duration text); throws {@link IllegalArgumentException} with a message saying why it does not fit.
     */
    public static Object convert(ParameterType type, String raw) {
        String value = raw.trim();
        switch (type) {
            case STRING:
                return raw;
            case INT:
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + raw + "' is not a whole number");
                }
            case NUMBER:
                try {
                    double d = Double.parseDouble(value);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + raw + "' is not a finite number");
                }
            case BOOL:
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> {
                        return Boolean.TRUE;
                    }
                    case "false", "no", "off" -> {
                        return Boolean.FALSE;
                    }
                    default -> throw new IllegalArgumentException("'" + raw + "' is not true or false");
                }
            case DURATION:
                if (!DURATION.matcher(value).matches()) {
                    throw new IllegalArgumentException("'" + raw + "' is not a duration such as 30s, 5m or 1h");
                }
                return value;
            default:
                throw new IllegalArgumentException("unsupported type " + type);
        }
    }

    private static String suggestion(RunbookSpec runbook, String name) {
        return runbook.parameters().stream()
                .map(ParameterSpec::name)
                .min(Comparator.comparingInt(candidate -> EditDistance.between(candidate, name)))
                .filter(best -> EditDistance.between(best, name) <= Math.max(2, name.length() / 3))
                .map(best -> "; did you mean '" + best + "'?")
                .orElse(
                        runbook.parameters().isEmpty()
                                ? "; it declares none"
                                : "; it declares: "
                                        + String.join(
                                                ", ",
                                                runbook.parameters().stream()
                                                        .map(ParameterSpec::name)
                                                        .toList()));
    }
}

package dev.runbookbot.testing;

import dev.runbookbot.expr.ValueType;
import dev.runbookbot.lint.DiagnosticTypes;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The diagnostic types as lint tests see them: the facts each executor declares (prometheus_query, http_check and
 * log_search as on main; shell_command as on the diagproc branch; database_query as issue 7 documents it), and a config
 * check with the essentials of each executor's (a required query, URLs, an argv list rather than a shell string).
 */
public final class FakeDiagnosticTypes implements DiagnosticTypes {
    public static final Map<DiagnosticType, Map<String, ValueType>> FACTS = facts();

    private final Map<DiagnosticType, Map<String, ValueType>> available;

    private FakeDiagnosticTypes(Map<DiagnosticType, Map<String, ValueType>> available) {
        this.available = available;
    }

    public static FakeDiagnosticTypes all() {
        return new FakeDiagnosticTypes(FACTS);
    }

    public static FakeDiagnosticTypes without(DiagnosticType missing) {
        Map<DiagnosticType, Map<String, ValueType>> some = new EnumMap<>(FACTS);
        some.remove(missing);
        return new FakeDiagnosticTypes(some);
    }

    private static Map<DiagnosticType, Map<String, ValueType>> facts() {
        Map<DiagnosticType, Map<String, ValueType>> facts = new EnumMap<>(DiagnosticType.class);
        facts.put(
                DiagnosticType.PROMETHEUS_QUERY,
                Map.ofEntries(
                        Map.entry("result_type", ValueType.STRING),
                        Map.entry("empty", ValueType.BOOL),
                        Map.entry("count", ValueType.INT),
                        Map.entry("has_value", ValueType.BOOL),
                        Map.entry("value", ValueType.DOUBLE),
                        Map.entry("is_nan", ValueType.BOOL),
                        Map.entry("is_inf", ValueType.BOOL),
                        Map.entry("finite_count", ValueType.INT),
                        Map.entry("min", ValueType.DOUBLE),
                        Map.entry("max", ValueType.DOUBLE),
                        Map.entry("sum", ValueType.DOUBLE),
                        Map.entry("avg", ValueType.DOUBLE),
                        Map.entry("samples", ValueType.MAP_LIST),
                        Map.entry("string_value", ValueType.STRING),
                        Map.entry("queries", ValueType.MAP)));
        facts.put(
                DiagnosticType.PROMETHEUS_TARGETS,
                Map.of(
                        "count", ValueType.INT,
                        "up_count", ValueType.INT,
                        "down_count", ValueType.INT,
                        "errors", ValueType.STRING_LIST,
                        "matched", ValueType.STRING_LIST,
                        "match_counts", ValueType.MAP,
                        "targets", ValueType.MAP_LIST));
        facts.put(
                DiagnosticType.HTTP_CHECK,
                Map.of(
                        "all_healthy", ValueType.BOOL,
                        "any_unreachable", ValueType.BOOL,
                        "healthy_count", ValueType.INT,
                        "unhealthy_count", ValueType.INT,
                        "count", ValueType.INT,
                        "slowest_latency_ms", ValueType.INT,
                        "slowest_name", ValueType.STRING,
                        "min_cert_days_left", ValueType.INT,
                        "certs_checked", ValueType.INT,
                        "results", ValueType.MAP_LIST));
        facts.put(
                DiagnosticType.SHELL_COMMAND,
                Map.of(
                        "exit_code", ValueType.INT,
                        "stdout", ValueType.STRING,
                        "stderr", ValueType.STRING,
                        "lines", ValueType.STRING_LIST,
                        "line_count", ValueType.INT,
                        "matches", ValueType.STRING_MAP,
                        "match_counts", ValueType.MAP,
                        "matched", ValueType.STRING_LIST,
                        "output_truncated", ValueType.BOOL));
        facts.put(
                DiagnosticType.DATABASE_QUERY,
                Map.of("rows", ValueType.MAP_LIST, "row_count", ValueType.INT, "value", ValueType.DYN));
        facts.put(
                DiagnosticType.LOG_SEARCH,
                Map.of(
                        "source", ValueType.STRING,
                        "result_type", ValueType.STRING,
                        "match_count", ValueType.INT,
                        "value", ValueType.DOUBLE,
                        "lines", ValueType.STRING_LIST,
                        "streams", ValueType.INT,
                        "limit_reached", ValueType.BOOL,
                        "partial", ValueType.BOOL));
        return facts;
    }

    @Override
    public Optional<Map<String, ValueType>> facts(DiagnosticType type) {
        return Optional.ofNullable(available.get(type));
    }

    @Override
    public List<ConfigProblem> validate(DiagnosticType type, StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        switch (type) {
            case PROMETHEUS_QUERY -> {
                if (!config.values().containsKey("queries")) {
                    requireText(config, "query", problems);
                }
            }
            case LOG_SEARCH -> requireText(config, "query", problems);
            case PROMETHEUS_TARGETS -> requireText(config, "job", problems);
            case DATABASE_QUERY -> {
                requireText(config, "datasource", problems);
                requireText(config, "query", problems);
            }
            case HTTP_CHECK -> {
                if (!(config.get("urls").orElse(null) instanceof List<?> urls) || urls.isEmpty()) {
                    problems.add(new ConfigProblem(config.pathOf("urls"), "'urls' must list at least one URL"));
                } else {
                    for (int i = 0; i < urls.size(); i++) {
                        if (!(urls.get(i) instanceof Map<?, ?> entry && entry.get("url") instanceof String)) {
                            problems.add(new ConfigProblem(
                                    config.pathOf("urls") + "[" + i + "]", "each entry needs a 'url'"));
                        }
                    }
                }
            }
            case SHELL_COMMAND -> {
                if (config.get("command").isPresent()) {
                    problems.add(new ConfigProblem(
                            config.pathOf("command"),
                            "shell_command takes 'argv' (a list), not a shell string",
                            "write argv: [kubectl, rollout, history, ...]"));
                } else if (!(config.get("argv").orElse(null) instanceof List<?>)) {
                    problems.add(new ConfigProblem(config.pathOf("argv"), "'argv' must be a list"));
                }
            }
        }
        return problems;
    }

    private static void requireText(StepConfig config, String key, List<ConfigProblem> problems) {
        if (config.string(key).filter(s -> !s.isBlank()).isEmpty()) {
            problems.add(new ConfigProblem(config.pathOf(key), "'" + key + "' is required"));
        }
    }
}

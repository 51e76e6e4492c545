package dev.runbookbot.lint;

import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.DiagnosticType;
import java.util.regex.Pattern;

/**
 * Where a templated config value goes, by step type and config key, so lint can check that each placeholder stands
 * where its sink can take it safely ({@code Template.checkPlacement}). The config keys are the conventions the
 * executors share:
 *
 * <ul>
 *   <li>{@code prometheus_query}: {@code query} is PromQL. {@code log_search}: {@code query} is LogQL, whose string
 *       literals follow PromQL's rules, so it is checked as PromQL.
 *   <li>{@code database_query}: {@code query} / {@code sql} is SQL (templated values become bind parameters); so are
 *       {@code sql} / {@code query} / {@code script} of a {@code run_script} action (the seed's
 *       {@code pg_terminate_backend} script is SQL).
 *   <li>{@code http_check}: {@code url} and {@code urls[i].url} (or {@code urls[i]}) are URLs; so is the {@code url}
 *       of an {@code http_request} action.
 *   <li>{@code shell_command} and {@code run_script}: every element of {@code argv} (or of a list-valued
 *       {@code command}) is one argv element; {@code env.NAME} values are environment values.
 * </ul>
 *
 * Anything else is text for people or for the executor's own validation. Public so that what a remediation would
 * run can be shown rendered for the sink it will meet ({@code runbookctl run} and {@code simulate}).
 */
public final class ConfigSinks {
    private static final Pattern ARGV = Pattern.compile("(argv|command)\\[\\d+]");
    private static final Pattern ENV = Pattern.compile("env\\.[^.\\[]+");
    private static final Pattern URLS = Pattern.compile("url|urls\\[\\d+](\\.url)?");

    private ConfigSinks() {}

    /** The sink of the value at {@code key}, a path relative to the config block ({@code urls[0].url}). */
    public static TemplateSink forDiagnostic(DiagnosticType type, String key) {
        return switch (type) {
            case PROMETHEUS_QUERY, LOG_SEARCH ->
                key.equals("query") || key.startsWith("queries.") ? TemplateSink.PROMQL : TemplateSink.TEXT;
            case DATABASE_QUERY -> key.equals("query") || key.equals("sql") ? TemplateSink.SQL : TemplateSink.TEXT;
            case HTTP_CHECK -> URLS.matcher(key).matches() ? TemplateSink.URL : TemplateSink.TEXT;
            case SHELL_COMMAND -> process(key);
            case PROMETHEUS_TARGETS -> TemplateSink.TEXT; // job is only compared with a label, never sent
        };
    }

    /** The sink of the value at {@code key} of an action's config ({@code argv[2]}, {@code script}, {@code url}). */
    public static TemplateSink forAction(ActionType type, String key) {
        return switch (type) {
            case RUN_SCRIPT ->
                key.equals("sql") || key.equals("query") || key.equals("script") ? TemplateSink.SQL : process(key);
            case HTTP_REQUEST -> key.equals("url") ? TemplateSink.URL : TemplateSink.TEXT;
            default -> TemplateSink.TEXT;
        };
    }

    private static TemplateSink process(String key) {
        if (ARGV.matcher(key).matches()) {
            return TemplateSink.ARGV;
        }
        if (ENV.matcher(key).matches()) {
            return TemplateSink.ENV;
        }
        return TemplateSink.TEXT;
    }
}

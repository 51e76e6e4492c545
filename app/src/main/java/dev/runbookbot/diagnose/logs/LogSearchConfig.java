package dev.runbookbot.diagnose.logs;

import dev.runbookbot.diagnose.ParsedConfig;
import dev.runbookbot.diagnose.StepConfigReader;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A {@code log_search} step's config. Common keys: {@code source} ({@code loki}, the default, {@code file} or
 * {@code journald}), {@code since} (the window, default 15m, at most 7d) and {@code limit} (newest lines kept, default
 * 20, at most 1000).
 *
 * <pre>
 * # Loki: a LogQL template; values are escaped as LogQL strings
 * config: {query: '{app="payments", namespace="{{ labels.namespace }}"} |= "timeout"', since: 15m, limit: 20}
 * # a file glob and a Java regex, for machines without Loki
 * config: {source: file, path: /var/log/payments/*.log, pattern: 'ERROR|FATAL'}
 * # the systemd journal: an optional unit and a PCRE2 pattern passed to journalctl --grep
 * config: {source: journald, unit: payments.service, pattern: 'connection (refused|reset)'}
 * </pre>
 *
 * Alert data may fill LogQL string values only; placeholders are refused in the strings Loki reads as a regexp,
 * pattern or Go template ({@code | regexp}, {@code | pattern}, {@code | line_format}, {@code | label_format},
 * {@code |>}, {@code !>}), and in file paths, units and patterns, which the runbook writes out in full.
 */
sealed interface LogSearchConfig {
    Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    Duration MAX_WINDOW = Duration.ofDays(7);
    int DEFAULT_LIMIT = 20;
    int MAX_LIMIT = 1000;

    Duration since();

    int limit();

    record Loki(Template query, Optional<HttpUrl> url, Duration since, int limit) implements LogSearchConfig {}

    record File(String glob, Pattern pattern, Duration since, int limit) implements LogSearchConfig {}

    record Journal(Optional<String> unit, Optional<String> pattern, Duration since, int limit)
            implements LogSearchConfig {}

    Set<String> COMMON_KEYS = Set.of("source", "since", "limit");

    /** The keys of every source: common, loki (query, url), file (path, pattern), journald (unit, pattern). */
    Set<String> ALL_KEYS = Set.of("source", "since", "limit", "query", "url", "path", "pattern", "unit");

    Pattern UNIT = Pattern.compile("[A-Za-z0-9:_.\\\\@-]+");

    static ParsedConfig<LogSearchConfig> parse(StepConfig config) {
        StepConfigReader r = new StepConfigReader(config);
        String source = r.string("source").orElse("loki").strip().toLowerCase(Locale.ROOT);
        Duration since = r.duration("since", MAX_WINDOW).orElse(DEFAULT_WINDOW);
        int limit =
                r.integer("limit", 1, MAX_LIMIT).orElse((long) DEFAULT_LIMIT).intValue();
        LogSearchConfig parsed =
                switch (source) {
                    case "loki" -> loki(r, since, limit);
                    case "file" -> file(r, since, limit);
                    case "journald" -> journal(r, since, limit);
                    default -> {
                        r.problem("source", "must be loki, file or journald, got '" + source + "'");
                        yield null;
                    }
                };
        return r.problems().isEmpty() ? ParsedConfig.valid(parsed) : ParsedConfig.invalid(r.problems());
    }

    private static Set<String> keys(String... specific) {
        Set<String> keys = new java.util.HashSet<>(COMMON_KEYS);
        keys.addAll(List.of(specific));
        return keys;
    }

    private static LogSearchConfig loki(StepConfigReader r, Duration since, int limit) {
        r.rejectUnknownKeys(keys("query", "url"));
        Optional<Template> query = Optional.empty();
        if (r.requiredString("query").isPresent()) {
            query = r.template("query", TemplateSink.PROMQL);
            query.ifPresent(t -> LogqlPlacement.check(t.source()).ifPresent(p -> r.problem("query", p)));
        }
        Optional<HttpUrl> url = Optional.empty();
        if (r.has("url")) {
            url = r.string("url").flatMap(text -> serverUrl(r, text));
        }
        return query.isPresent() ? new Loki(query.get(), url, since, limit) : null;
    }

    private static Optional<HttpUrl> serverUrl(StepConfigReader r, String text) {
        if (Template.isTemplated(text)) {
            r.problem("url", "must be written out without {{ }} placeholders: alert data must never choose the server");
            return Optional.empty();
        }
        HttpUrl url = HttpUrl.parse(text.strip());
        if (url == null || !url.username().isEmpty() || url.query() != null) {
            r.problem("url", "must be the http:// or https:// root URL of Loki, without credentials or ?query");
            return Optional.empty();
        }
        return Optional.of(url);
    }

    private static LogSearchConfig file(StepConfigReader r, Duration since, int limit) {
        r.rejectUnknownKeys(keys("path", "pattern"));
        Optional<String> glob = r.requiredString("path").map(String::strip);
        if (glob.isPresent()) {
            if (Template.isTemplated(glob.get())) {
                r.problem("path", "must be written out without {{ }} placeholders: alert data must never choose files");
                glob = Optional.empty();
            } else if (!Path.of(globBase(glob.get())).isAbsolute()) {
                r.problem("path", "must be an absolute path or glob, such as /var/log/payments/*.log");
                glob = Optional.empty();
            } else {
                try {
                    FileSystems.getDefault().getPathMatcher("glob:" + glob.get());
                } catch (IllegalArgumentException e) {
                    r.problem("path", "is not a valid glob: " + e.getMessage());
                    glob = Optional.empty();
                }
            }
        }
        Optional<Pattern> pattern = r.has("pattern") ? r.regex("pattern") : Optional.empty();
        if (!r.has("pattern")) {
            r.problem("pattern", "is required: the regular expression a line must contain");
        }
        return glob.isPresent() && pattern.isPresent() ? new File(glob.get(), pattern.get(), since, limit) : null;
    }

    private static LogSearchConfig journal(StepConfigReader r, Duration since, int limit) {
        r.rejectUnknownKeys(keys("unit", "pattern"));
        Optional<String> unit = r.string("unit").map(String::strip);
        if (unit.isPresent()
                && (!UNIT.matcher(unit.get()).matches() || unit.get().startsWith("-"))) {
            r.problem("unit", "is not a systemd unit name, such as payments.service");
            unit = Optional.empty();
        }
        Optional<String> pattern = Optional.empty();
        if (r.has("pattern")) {
            // journalctl --grep takes PCRE2; Java's syntax is close enough to catch most mistakes here.
            pattern = r.regex("pattern").map(Pattern::pattern);
        }
        return new Journal(unit, pattern, since, limit);
    }

    /** The directory part of a glob: the path up to the first segment with a glob metacharacter. */
    static String globBase(String glob) {
        int meta = glob.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int at = glob.indexOf(c);
            if (at >= 0) {
                meta = Math.min(meta, at);
            }
        }
        if (meta == glob.length()) {
            return glob;
        }
        int slash = glob.lastIndexOf('/', meta);
        return slash <= 0 ? "/" : glob.substring(0, slash);
    }
}

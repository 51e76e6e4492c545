package dev.runbookbot.diagnose.prometheus;

import dev.runbookbot.diagnose.ParsedConfig;
import dev.runbookbot.diagnose.StepConfigReader;
import dev.runbookbot.diagnose.fetch.HttpAuth;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.StepConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A {@code prometheus_targets} step's config:
 *
 * <pre>
 * config:
 *   job: "{{ params.job }}"                   # the scrape job whose active targets are read (its job label)
 *   patterns:                                 # optional: named regular expressions searched in each lastError
 *     refused: "connection refused"
 *   url: http://prometheus.internal:9090      # optional; the bot's Prometheus otherwise (and its credentials)
 *   bearer_secret: other-prom-token           # optional, only with url, as for prometheus_query
 * </pre>
 *
 * {@code job} is a template whose value is only ever compared with the targets' {@code job} label, never sent
 * anywhere; {@code url} and the patterns are literal (alert data never chooses the server or a regular expression).
 */
record TargetsConfig(Template job, Map<String, Pattern> patterns, Optional<HttpUrl> url, HttpAuth auth) {
    static final Set<String> KEYS =
            Set.of("job", "patterns", "url", "bearer_secret", "basic_user", "basic_password_secret");
    /** The most patterns one step may hold. */
    static final int MAX_PATTERNS = 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    TargetsConfig {
        patterns = Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
    }

    static ParsedConfig<TargetsConfig> parse(StepConfig config, boolean hasDefaultServer) {
        StepConfigReader r = new StepConfigReader(config);
        r.rejectUnknownKeys(KEYS);
        Optional<Template> job = Optional.empty();
        if (r.requiredString("job").isPresent()) {
            job = r.template("job", TemplateSink.TEXT);
        }
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        Map<String, Object> entries = r.entries("patterns");
        if (entries.size() > MAX_PATTERNS) {
            r.problem("patterns", "has " + entries.size() + " patterns; a step holds at most " + MAX_PATTERNS);
        }
        r.object("patterns").ifPresent(nested -> {
            for (String name : entries.keySet()) {
                if (!NAME.matcher(name).matches()) {
                    nested.problem(name, "is not a pattern name: letters, digits and _, not starting with a digit");
                    continue;
                }
                nested.regex(name).ifPresent(p -> patterns.put(name, p));
            }
        });
        Optional<HttpUrl> url = Optional.empty();
        if (r.has("url")) {
            url = r.string("url").flatMap(text -> PrometheusConfig.serverUrl(r, "url", text));
        } else if (!hasDefaultServer) {
            r.problem(
                    "url",
                    "is required: the bot has no Prometheus configured",
                    "set the Prometheus URL in the bot's configuration, or url: in this step");
        }
        HttpAuth auth = PrometheusConfig.credentials(r, url);
        if (!r.problems().isEmpty() || job.isEmpty()) {
            return ParsedConfig.invalid(r.problems());
        }
        return r.result(new TargetsConfig(job.get(), patterns, url, auth));
    }
}

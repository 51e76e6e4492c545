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
 * A {@code prometheus_query} step's config:
 *
 * <pre>
 * config:
 *   query: 'kube_pod_status_ready{namespace="{{ labels.namespace }}", pod=~"payment.*"}'
 *   queries:                                  # optional: more queries, read as queries.&lt;name&gt;.&lt;fact&gt;
 *     trend: 'deriv(kube_pod_status_ready{namespace="{{ labels.namespace }}"}[30m])'
 *   url: http://prometheus.internal:9090      # optional; the bot's Prometheus otherwise
 *   bearer_secret: other-prom-token           # optional, only with url
 *   basic_user: reader                        # optional, only with url, with basic_password_secret
 *   basic_password_secret: other-prom-password
 * </pre>
 *
 * {@code query} is a PromQL template: placeholders stand inside double-quoted strings, where they are escaped (see
 * {@link TemplateSink#PROMQL}). {@code queries} names further queries (at most {@value #MAX_QUERIES}); a step may
 * have {@code queries} without {@code query}. {@code url} is written out in full: alert data never chooses which server is asked. A
 * step that names its own {@code url} never receives the bot's Prometheus credentials; it names its own secrets.
 */
record PrometheusConfig(Optional<Template> query, Map<String, Template> queries, Optional<HttpUrl> url, HttpAuth auth) {
    static final Set<String> KEYS =
            Set.of("query", "queries", "url", "bearer_secret", "basic_user", "basic_password_secret");
    /** The most named queries one step may hold (each is one request to Prometheus). */
    static final int MAX_QUERIES = 10;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    PrometheusConfig {
        queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
    }

    /** Parses and checks {@code config}; {@code hasDefaultServer} says whether the bot has a Prometheus configured. */
    static ParsedConfig<PrometheusConfig> parse(StepConfig config, boolean hasDefaultServer) {
        StepConfigReader r = new StepConfigReader(config);
        r.rejectUnknownKeys(KEYS);
        Optional<Template> query = Optional.empty();
        Map<String, Template> queries = new LinkedHashMap<>();
        if (r.has("queries")) {
            queries = named(r);
            if (r.has("query")) {
                query = r.template("query", TemplateSink.PROMQL);
            }
        } else if (r.requiredString("query").isPresent()) {
            query = r.template("query", TemplateSink.PROMQL);
        }
        Optional<HttpUrl> url = Optional.empty();
        if (r.has("url")) {
            url = r.string("url").flatMap(text -> serverUrl(r, "url", text));
        } else if (!hasDefaultServer) {
            r.problem(
                    "url",
                    "is required: the bot has no Prometheus configured",
                    "set the Prometheus URL in the bot's configuration, or url: in this step");
        }
        HttpAuth auth = credentials(r, url);
        if (!r.problems().isEmpty()) {
            return ParsedConfig.invalid(r.problems());
        }
        return r.result(new PrometheusConfig(query, queries, url, auth));
    }

    /**
     * The step's own credentials ({@code bearer_secret}, or {@code basic_user} with {@code basic_password_secret}),
     * which go with its own {@code url} only: a step without one uses the bot's Prometheus and its credentials.
     */
    static HttpAuth credentials(StepConfigReader r, Optional<HttpUrl> url) {
        Optional<String> bearer = r.string("bearer_secret");
        Optional<String> user = r.string("basic_user");
        Optional<String> password = r.string("basic_password_secret");
        if ((bearer.isPresent() || user.isPresent() || password.isPresent()) && !r.has("url")) {
            r.problem(
                    bearer.isPresent() ? "bearer_secret" : user.isPresent() ? "basic_user" : "basic_password_secret",
                    "credentials in a step go with the step's own url",
                    "the bot's Prometheus credentials are set in the bot's configuration");
        }
        if (bearer.isPresent() && (user.isPresent() || password.isPresent())) {
            r.problem("bearer_secret", "set bearer_secret or basic auth, not both");
        }
        if (user.isPresent() != password.isPresent()) {
            r.problem(
                    user.isPresent() ? "basic_password_secret" : "basic_user",
                    "basic auth needs both basic_user and basic_password_secret");
        }
        return url.isPresent()
                ? new HttpAuth(bearer, user, password, r.path())
                : HttpAuth.none("the bot's prometheus settings");
    }

    /** {@code queries}: a mapping of names (lower-case identifiers, read as {@code queries.<name>}) to PromQL. */
    private static Map<String, Template> named(StepConfigReader r) {
        Map<String, Object> entries = r.entries("queries");
        Map<String, Template> queries = new LinkedHashMap<>();
        if (entries.isEmpty()) {
            if (r.problems().isEmpty()) {
                r.problem("queries", "names no query", "write queries: {ratio: '...', trend: '...'}");
            }
            return queries;
        }
        if (entries.size() > MAX_QUERIES) {
            r.problem("queries", "has " + entries.size() + " queries; a step holds at most " + MAX_QUERIES);
        }
        StepConfigReader nested = r.object("queries").orElseThrow();
        for (String name : entries.keySet()) {
            if (!NAME.matcher(name).matches()) {
                nested.problem(
                        name,
                        "is not a query name: lower-case letters, digits and _, starting with a letter",
                        "conditions read it as queries.<name>.value");
                continue;
            }
            if (nested.requiredString(name).isPresent()) {
                nested.template(name, TemplateSink.PROMQL).ifPresent(t -> queries.put(name, t));
            }
        }
        return queries;
    }

    /** A server root URL as an author writes it: http(s), no placeholders, no credentials, no query. */
    static Optional<HttpUrl> serverUrl(StepConfigReader r, String key, String text) {
        if (Template.isTemplated(text)) {
            r.problem(key, "must be written out without {{ }} placeholders: alert data must never choose the server");
            return Optional.empty();
        }
        HttpUrl url = HttpUrl.parse(text.strip());
        if (url == null) {
            r.problem(key, "is not an http:// or https:// URL: '" + text + "'");
            return Optional.empty();
        }
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            r.problem(key, "must not carry credentials", "name a secret with bearer_secret or basic_password_secret");
            return Optional.empty();
        }
        if (url.query() != null || url.fragment() != null) {
            r.problem(key, "must be the server's root URL, without ?query or #fragment");
            return Optional.empty();
        }
        return Optional.of(url);
    }
}

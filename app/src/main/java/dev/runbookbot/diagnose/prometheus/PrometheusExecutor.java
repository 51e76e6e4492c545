package dev.runbookbot.diagnose.prometheus;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParsedConfig;
import dev.runbookbot.diagnose.fetch.FetchFailure;
import dev.runbookbot.diagnose.fetch.FetchedResponse;
import dev.runbookbot.diagnose.fetch.HttpAuth;
import dev.runbookbot.diagnose.fetch.HttpFetcher;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * {@code prometheus_query}: one instant query ({@code GET /api/v1/query}) against the bot's Prometheus or the step's
 * own {@code url}, and each of its named {@code queries} after it, within the step's one timeout (see
 * {@link NamedQueryFacts}; the first that fails fails the step, naming it). Only GET is ever sent (diagnostics are read-only, and a GET cannot reach Prometheus' admin API).
 * The step's timeout bounds the whole call and is also sent as the query's {@code timeout} parameter, so Prometheus
 * stops evaluating when the bot stops waiting. The facts are described on {@link QueryFacts}. Thread-safe.
 */
public final class PrometheusExecutor implements DiagnosticExecutor {
    /** The most the bot reads of one answer; a larger one is a {@link FailureKind#BAD_RESPONSE}. */
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private final HttpFetcher fetcher;
    private final Optional<HttpUrl> defaultServer;
    private final HttpAuth defaultAuth;
    private final SecretResolver secrets;
    private final QueryResponseReader reader = new QueryResponseReader(new JsonOnFirstUse());

    /**
     * @param client the bot's shared client, asked for on the first query; per-step timeouts are derived from it
     * @param settings the bot's Prometheus, if it has one; steps without {@code url} need it
     * @param secrets resolves the credentials the settings or steps name
     */
    public PrometheusExecutor(
            Supplier<OkHttpClient> client, Optional<PrometheusSettings> settings, SecretResolver secrets) {
        this.fetcher = new HttpFetcher(client);
        this.defaultServer = settings.map(s -> HttpUrl.get(s.baseUrl().toString()));
        this.defaultAuth =
                settings.map(PrometheusSettings::auth).orElse(HttpAuth.none("the bot's prometheus settings"));
        this.secrets = secrets;
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.PROMETHEUS_QUERY;
    }

    @Override
    public Map<String, ValueType> facts() {
        return QueryFacts.TYPES;
    }

    @Override
    public Set<String> configKeys() {
        return PrometheusConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        return PrometheusConfig.parse(config, defaultServer.isPresent()).problems();
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        ParsedConfig<PrometheusConfig> parsed =
                PrometheusConfig.parse(request.spec().config(), defaultServer.isPresent());
        if (!parsed.isValid()) {
            return parsed.asFailure();
        }
        PrometheusConfig config = parsed.config().orElseThrow();
        long deadline = System.nanoTime() + request.timeout().toNanos();
        Optional<Outcome.Observed> main = Optional.empty();
        if (config.query().isPresent()) {
            Outcome outcome = query(request, config, config.query().get(), "query", request.timeout());
            if (outcome instanceof Outcome.Failed failed) {
                return failed;
            }
            main = Optional.of((Outcome.Observed) outcome);
        }
        Map<String, Outcome.Observed> named = new LinkedHashMap<>();
        for (Map.Entry<String, Template> entry : config.queries().entrySet()) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            String key = "queries." + entry.getKey();
            if (left.isNegative() || left.isZero()) {
                return Outcome.failed(
                        FailureKind.TIMEOUT,
                        "no time was left for query '" + entry.getKey() + "' within the step's "
                                + request.timeout().toMillis() + " ms");
            }
            Outcome outcome = query(request, config, entry.getValue(), key, left);
            if (outcome instanceof Outcome.Failed failed) {
                return Outcome.failed(failed.kind(), "query '" + entry.getKey() + "': " + failed.reason());
            }
            named.put(entry.getKey(), (Outcome.Observed) outcome);
        }
        return named.isEmpty() ? main.orElseThrow() : NamedQueryFacts.combine(main, named);
    }

    /** One instant query: its template rendered, sent with the time {@code left}, and read as facts. */
    private Outcome query(
            DiagnosticRequest request, PrometheusConfig config, Template template, String key, Duration left) {
        String query;
        try {
            query = template.render(request.context(), TemplateSink.PROMQL).text();
        } catch (TemplateException e) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION, request.spec().config().pathOf(key) + ": " + e.getMessage());
        }
        HttpUrl server = config.url().or(() -> defaultServer).orElseThrow();
        HttpAuth auth = config.url().isPresent() ? config.auth() : defaultAuth;
        HttpUrl url = server.newBuilder()
                .addPathSegments("api/v1/query")
                .addQueryParameter("query", query)
                .addQueryParameter("timeout", left.toMillis() + "ms")
                .build();
        Request.Builder http = new Request.Builder().url(url).get().header("Accept", "application/json");
        Optional<String> missingSecret = auth.apply(http, secrets);
        if (missingSecret.isPresent()) {
            return Outcome.failed(FailureKind.CONFIGURATION, missingSecret.get());
        }
        String where = origin(server);
        FetchedResponse response;
        try {
            response = fetcher.fetch(http.build(), left, MAX_BODY_BYTES);
        } catch (FetchFailure e) {
            return Outcome.failed(e.kind(), "prometheus at " + where + " " + e.reason());
        }
        QueryAnswer answer = reader.read(response, where);
        if (answer instanceof QueryAnswer.Result r) {
            return withRenderedQuery(QueryFacts.observe(r.result()), query);
        }
        return ((QueryAnswer.Failure) answer).failure();
    }

    /** The query as sent comes first in the details, so a report shows what was asked beside what breached. */
    private static Outcome.Observed withRenderedQuery(Outcome.Observed observed, String query) {
        List<String> details = new ArrayList<>();
        details.add("query: " + query);
        details.addAll(observed.details());
        return new Outcome.Observed(observed.facts(), observed.evidence(), details);
    }

    /** scheme://host:port and path prefix, for messages: never a query string. */
    static String origin(HttpUrl url) {
        String path = url.encodedPath();
        return url.scheme() + "://" + url.host() + ":" + url.port() + (path.equals("/") ? "" : path);
    }
}

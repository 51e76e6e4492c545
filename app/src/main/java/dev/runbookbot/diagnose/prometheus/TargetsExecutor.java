package dev.runbookbot.diagnose.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParsedConfig;
import dev.runbookbot.diagnose.fetch.FetchFailure;
import dev.runbookbot.diagnose.fetch.FetchedResponse;
import dev.runbookbot.diagnose.fetch.HttpAuth;
import dev.runbookbot.diagnose.fetch.HttpFetcher;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * {@code prometheus_targets}: what Prometheus itself knows about scraping a job, read from its targets API ({@code GET
 * /api/v1/targets?state=active}), the native form of {@code curl .../api/v1/targets | jq 'select(.labels.job == $job
 * and .health != "up") | .lastError'}. The job is compared with each active target's {@code job} label, never put into
 * a request; the answer is read up to {@link PrometheusExecutor#MAX_BODY_BYTES} (a larger one is a {@link
 * FailureKind#BAD_RESPONSE}), and each error kept is cut to {@value #MAX_ERROR_CHARS} characters. Facts:
 *
 * <ul>
 *   <li>{@code count}: active targets of the job (0 when Prometheus scrapes no such job: not a failure, a reading);
 *   <li>{@code up_count}, {@code down_count}: those whose last scrape worked, and the others ({@code down} or
 *       {@code unknown});
 *   <li>{@code errors}: the last scrape error of each target not up, in Prometheus' order (at most {@value
 *       #MAX_TARGETS});
 *   <li>{@code matched}: the names of the {@code patterns} found in some error, in config order; {@code
 *       match_counts}: for each pattern, how many errors it was found in (0 included);
 *   <li>{@code targets}: each target of the job as {@code {instance, health, last_error, scrape_url}} (at most {@value
 *       #MAX_TARGETS}).
 * </ul>
 *
 * Thread-safe.
 */
public final class TargetsExecutor implements DiagnosticExecutor {
    static final int MAX_ERROR_CHARS = 500;
    static final int MAX_TARGETS = 100;

    static final Map<String, ValueType> FACTS = declaredFacts();

    private final HttpFetcher fetcher;
    private final Optional<HttpUrl> defaultServer;
    private final HttpAuth defaultAuth;
    private final SecretResolver secrets;
    private final JsonOnFirstUse json = new JsonOnFirstUse();

    public TargetsExecutor(
            Supplier<OkHttpClient> client, Optional<PrometheusSettings> settings, SecretResolver secrets) {
        this.fetcher = new HttpFetcher(client);
        this.defaultServer = settings.map(s -> HttpUrl.get(s.baseUrl().toString()));
        this.defaultAuth =
                settings.map(PrometheusSettings::auth).orElse(HttpAuth.none("the bot's prometheus settings"));
        this.secrets = secrets;
    }

    private static Map<String, ValueType> declaredFacts() {
        Map<String, ValueType> facts = new LinkedHashMap<>();
        facts.put("count", ValueType.INT);
        facts.put("up_count", ValueType.INT);
        facts.put("down_count", ValueType.INT);
        facts.put("errors", ValueType.STRING_LIST);
        facts.put("matched", ValueType.STRING_LIST);
        facts.put("match_counts", ValueType.MAP);
        facts.put("targets", ValueType.MAP_LIST);
        return java.util.Collections.unmodifiableMap(facts);
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.PROMETHEUS_TARGETS;
    }

    @Override
    public Map<String, ValueType> facts() {
        return FACTS;
    }

    @Override
    public Set<String> configKeys() {
        return TargetsConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        return TargetsConfig.parse(config, defaultServer.isPresent()).problems();
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        ParsedConfig<TargetsConfig> parsed = TargetsConfig.parse(request.spec().config(), defaultServer.isPresent());
        if (!parsed.isValid()) {
            return parsed.asFailure();
        }
        TargetsConfig config = parsed.config().orElseThrow();
        String job;
        try {
            job = config.job().render(request.context(), TemplateSink.TEXT).text();
        } catch (TemplateException e) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION, request.spec().config().pathOf("job") + ": " + e.getMessage());
        }
        HttpUrl server = config.url().or(() -> defaultServer).orElseThrow();
        HttpAuth auth = config.url().isPresent() ? config.auth() : defaultAuth;
        HttpUrl url = server.newBuilder()
                .addPathSegments("api/v1/targets")
                .addQueryParameter("state", "active")
                .build();
        Request.Builder http = new Request.Builder().url(url).get().header("Accept", "application/json");
        Optional<String> missingSecret = auth.apply(http, secrets);
        if (missingSecret.isPresent()) {
            return Outcome.failed(FailureKind.CONFIGURATION, missingSecret.get());
        }
        String where = PrometheusExecutor.origin(server);
        FetchedResponse response;
        try {
            response = fetcher.fetch(http.build(), request.timeout(), PrometheusExecutor.MAX_BODY_BYTES);
        } catch (FetchFailure e) {
            return Outcome.failed(e.kind(), "prometheus at " + where + " " + e.reason());
        }
        if (response.truncated()) {
            return Outcome.failed(
                    FailureKind.BAD_RESPONSE,
                    "prometheus at " + where + " sent a larger targets list than the bot reads");
        }
        JsonNode root;
        try {
            root = json.get().readTree(response.body());
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (!response.isSuccessful()
                || root == null
                || !"success".equals(root.path("status").asText())) {
            String snippet = response.bodySnippet(200);
            return Outcome.failed(
                    FailureKind.BAD_RESPONSE,
                    "prometheus at " + where + " answered its targets API with HTTP " + response.code()
                            + (snippet.isEmpty() ? "" : ": " + snippet));
        }
        JsonNode active = root.path("data").path("activeTargets");
        if (!active.isArray()) {
            return Outcome.failed(
                    FailureKind.BAD_RESPONSE, "prometheus at " + where + " sent no data.activeTargets list");
        }
        return observe(job, config.patterns(), active);
    }

    /** The facts of the targets of {@code job} among {@code active}. */
    static Outcome.Observed observe(String job, Map<String, Pattern> patterns, JsonNode active) {
        int count = 0;
        int up = 0;
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> targets = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (JsonNode target : active) {
            if (!job.equals(target.path("labels").path("job").asText(null))) {
                continue;
            }
            count++;
            String health = target.path("health").asText("unknown");
            String instance = target.path("labels").path("instance").asText("");
            String error = cut(target.path("lastError").asText(""));
            if (health.equals("up")) {
                up++;
            } else if (errors.size() < MAX_TARGETS) {
                errors.add(error);
                details.add(instance + " " + health + (error.isEmpty() ? "" : ": " + error));
            }
            if (targets.size() < MAX_TARGETS) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("instance", instance);
                entry.put("health", health);
                entry.put("last_error", error);
                entry.put("scrape_url", target.path("scrapeUrl").asText(""));
                targets.add(entry);
            }
        }
        List<String> matched = new ArrayList<>();
        Map<String, Object> matchCounts = new LinkedHashMap<>();
        for (Map.Entry<String, Pattern> pattern : patterns.entrySet()) {
            long n = errors.stream()
                    .filter(e -> pattern.getValue().matcher(e).find())
                    .count();
            matchCounts.put(pattern.getKey(), n);
            if (n > 0) {
                matched.add(pattern.getKey());
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("count", (long) count);
        facts.put("up_count", (long) up);
        facts.put("down_count", (long) (count - up));
        facts.put("errors", List.copyOf(errors));
        facts.put("matched", List.copyOf(matched));
        facts.put("match_counts", matchCounts);
        facts.put("targets", List.copyOf(targets));
        String evidence = count == 0
                ? "prometheus scrapes no target of job " + job
                : (count - up) + " of " + count + " targets of job " + job + " down"
                        + (matched.isEmpty() ? "" : " (" + String.join(", ", matched) + ")");
        if (details.size() > 10) {
            int more = details.size() - 10;
            details = new ArrayList<>(details.subList(0, 10));
            details.add("+" + more + " more");
        }
        return new Outcome.Observed(facts, evidence, details);
    }

    private static String cut(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
    }
}

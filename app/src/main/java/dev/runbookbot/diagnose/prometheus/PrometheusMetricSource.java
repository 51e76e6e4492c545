package dev.runbookbot.diagnose.prometheus;

import dev.runbookbot.diagnose.MetricReading;
import dev.runbookbot.diagnose.MetricSource;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.fetch.FetchFailure;
import dev.runbookbot.diagnose.fetch.FetchedResponse;
import dev.runbookbot.diagnose.fetch.HttpAuth;
import dev.runbookbot.diagnose.fetch.HttpFetcher;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The threshold watcher's {@link MetricSource} over the bot's Prometheus: the same instant query ({@code GET
 * /api/v1/query}, only GET, the timeout also sent as the query's own {@code timeout}), authentication and answer reader
 * as the {@code prometheus_query} diagnostic. A vector gives one sample per series, a scalar one sample without labels,
 * a matrix each series' newest point; a string result, an error or no answer is {@link MetricReading.Unavailable} with
 * the reason. Thread-safe.
 */
public final class PrometheusMetricSource implements MetricSource {
    private final HttpFetcher fetcher;
    private final HttpUrl server;
    private final HttpAuth auth;
    private final SecretResolver secrets;
    private final QueryResponseReader reader = new QueryResponseReader(new JsonOnFirstUse());

    public PrometheusMetricSource(OkHttpClient client, PrometheusSettings settings, SecretResolver secrets) {
        this.fetcher = new HttpFetcher(client);
        this.server = HttpUrl.get(settings.baseUrl().toString());
        this.auth = settings.auth();
        this.secrets = secrets;
    }

    @Override
    public MetricReading read(String query, Duration timeout) {
        HttpUrl url = server.newBuilder()
                .addPathSegments("api/v1/query")
                .addQueryParameter("query", query)
                .addQueryParameter("timeout", timeout.toMillis() + "ms")
                .build();
        Request.Builder http = new Request.Builder().url(url).get().header("Accept", "application/json");
        Optional<String> missingSecret = auth.apply(http, secrets);
        if (missingSecret.isPresent()) {
            return new MetricReading.Unavailable(missingSecret.get());
        }
        String where = PrometheusExecutor.origin(server);
        FetchedResponse response;
        try {
            response = fetcher.fetch(http.build(), timeout, PrometheusExecutor.MAX_BODY_BYTES);
        } catch (FetchFailure e) {
            return new MetricReading.Unavailable("prometheus at " + where + " " + e.reason());
        }
        QueryAnswer answer = reader.read(response, where);
        if (answer instanceof QueryAnswer.Failure failure) {
            Outcome.Failed failed = failure.failure();
            return new MetricReading.Unavailable(failed.reason());
        }
        QueryResult result = ((QueryAnswer.Result) answer).result();
        if (result.resultType().equals("string")) {
            return new MetricReading.Unavailable(
                    "prometheus at " + where + " answered with a string, not a number: \"" + result.text() + "\"");
        }
        return new MetricReading.Samples(result.samples().stream()
                .map(s -> new MetricReading.Sample(s.labels(), s.value()))
                .toList());
    }
}

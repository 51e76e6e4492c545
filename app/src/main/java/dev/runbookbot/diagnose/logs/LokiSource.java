package dev.runbookbot.diagnose.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.fetch.FetchFailure;
import dev.runbookbot.diagnose.fetch.FetchedResponse;
import dev.runbookbot.diagnose.fetch.HttpAuth;
import dev.runbookbot.diagnose.fetch.HttpFetcher;
import dev.runbookbot.diagnose.fetch.JsonOnFirstUse;
import dev.runbookbot.secrets.SecretResolver;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Searches Grafana Loki with {@code GET /loki/api/v1/query_range} over {@code [now - since, now]}, newest entries
 * first ({@code direction=backward}) and at most {@code limit} of them. Reads stream results (log lines, including the
 * three-element values of {@code categorize-labels} encoding) and matrix/vector/scalar results (metric queries).
 * Loki's own errors (plain text, with HTTP 400 for a bad query) become {@link FailureKind#QUERY_ERROR} with Loki's
 * message. Thread-safe.
 */
final class LokiSource {
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private final HttpFetcher fetcher;
    private final SecretResolver secrets;
    private final Clock clock;
    private final JsonOnFirstUse json = new JsonOnFirstUse();

    LokiSource(HttpFetcher fetcher, SecretResolver secrets, Clock clock) {
        this.fetcher = fetcher;
        this.secrets = secrets;
        this.clock = clock;
    }

    Outcome search(
            HttpUrl server,
            HttpAuth auth,
            Optional<String> tenant,
            String query,
            LogSearchConfig.Loki config,
            Duration timeout) {
        Instant end = clock.instant();
        Instant start = end.minus(config.since());
        HttpUrl url = server.newBuilder()
                .addPathSegments("loki/api/v1/query_range")
                .addQueryParameter("query", query)
                .addQueryParameter("start", nanos(start))
                .addQueryParameter("end", nanos(end))
                .addQueryParameter("limit", Integer.toString(config.limit()))
                .addQueryParameter("direction", "backward")
                .build();
        Request.Builder http = new Request.Builder().url(url).get().header("Accept", "application/json");
        tenant.ifPresent(t -> http.header("X-Scope-OrgID", t));
        Optional<String> missing = auth.apply(http, secrets);
        if (missing.isPresent()) {
            return Outcome.failed(FailureKind.CONFIGURATION, missing.get());
        }
        String where = server.scheme() + "://" + server.host() + ":" + server.port();
        FetchedResponse response;
        try {
            response = fetcher.fetch(http.build(), timeout, MAX_BODY_BYTES);
        } catch (FetchFailure e) {
            return Outcome.failed(e.kind(), "loki at " + where + " " + e.reason());
        }
        if (response.truncated()) {
            return Outcome.failed(
                    FailureKind.BAD_RESPONSE,
                    "loki at " + where + " sent a larger answer than the bot reads; lower limit or narrow the query");
        }
        JsonNode root = parse(response.body());
        if (!response.isSuccessful()) {
            return httpError(response, root, where);
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            return Outcome.failed(
                    FailureKind.BAD_RESPONSE,
                    "loki at " + where + " answered with something that is not a Loki API response: "
                            + response.bodySnippet(120));
        }
        try {
            return LogFacts.observe(read(root.path("data"), config.limit()), config.since());
        } catch (IllegalArgumentException e) {
            return Outcome.failed(
                    FailureKind.BAD_RESPONSE,
                    "loki at " + where + " sent a result the bot cannot read: " + e.getMessage());
        }
    }

    private static Outcome httpError(FetchedResponse response, JsonNode root, String where) {
        String message = root != null && root.hasNonNull("message")
                ? root.get("message").asText()
                : root != null && root.hasNonNull("error") ? root.get("error").asText() : response.bodySnippet(300);
        int code = response.code();
        if (code == 400) {
            return Outcome.failed(FailureKind.QUERY_ERROR, "loki rejected the query: " + message);
        }
        if (code == 408 || code == 504) {
            return Outcome.failed(
                    FailureKind.TIMEOUT,
                    "loki at " + where + " timed out evaluating the query (HTTP " + code + "): " + message);
        }
        return Outcome.failed(
                FailureKind.BAD_RESPONSE,
                "loki at " + where + " answered HTTP " + code + " " + response.message()
                        + (message.isEmpty() ? "" : ": " + message)
                        + (code == 401 || code == 403 ? " (check the credentials configured for it)" : ""));
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.get().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static LogMatches read(JsonNode data, int limit) {
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "streams" -> streams(result, limit);
            case "matrix", "vector" -> series(type, result);
            case "scalar" -> {
                double value = number(result.path(1).asText(""));
                yield new LogMatches(
                        "loki",
                        type,
                        count(value),
                        value,
                        List.of(),
                        0,
                        false,
                        false,
                        List.of("scalar = " + LogFacts.format(value)));
            }
            default -> throw new IllegalArgumentException("unknown resultType '" + type + "'");
        };
    }

    private record Entry(BigInteger nanos, String line, String stream) {}

    private static LogMatches streams(JsonNode result, int limit) {
        List<Entry> entries = new ArrayList<>();
        long streams = 0;
        for (JsonNode stream : array(result)) {
            streams++;
            String labels = labels(stream.path("stream"));
            for (JsonNode value : array(stream.path("values"))) {
                if (!value.isArray() || value.size() < 2) {
                    throw new IllegalArgumentException("a log entry must be [\"<ns>\", \"<line>\", ...]");
                }
                BigInteger ns;
                try {
                    ns = new BigInteger(value.get(0).asText());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "log timestamp '" + value.get(0).asText() + "' is not a number");
                }
                entries.add(new Entry(ns, value.get(1).asText(), labels));
            }
        }
        entries.sort(Comparator.comparing(Entry::nanos).reversed());
        List<String> lines = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < entries.size() && i < limit; i++) {
            Entry e = entries.get(i);
            String line = LogFacts.clean(e.line());
            lines.add(line);
            details.add(time(e.nanos()) + " " + e.stream() + " " + line);
        }
        long count = entries.size();
        return new LogMatches("loki", "streams", count, count, lines, streams, count >= limit, false, details);
    }

    private static LogMatches series(String type, JsonNode result) {
        double sum = 0;
        long series = 0;
        List<String> details = new ArrayList<>();
        for (JsonNode s : array(result)) {
            series++;
            double newest;
            if (type.equals("vector")) {
                newest = number(s.path("value").path(1).asText(""));
            } else {
                JsonNode values = array(s.path("values"));
                newest = values.size() == 0
                        ? Double.NaN
                        : number(values.get(values.size() - 1).path(1).asText(""));
            }
            sum += newest;
            if (details.size() < 20) {
                details.add(labels(s.path("metric")) + " = " + LogFacts.format(newest));
            }
        }
        if (series > 20) {
            details.add("+" + (series - 20) + " more series");
        }
        return new LogMatches("loki", type, count(sum), sum, List.of(), series, false, false, details);
    }

    private static long count(double value) {
        return Double.isFinite(value) ? Math.round(value) : 0;
    }

    private static JsonNode array(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("expected a list");
        }
        return node;
    }

    private static String labels(JsonNode object) {
        Map<String, String> sorted = new TreeMap<>();
        object.fields()
                .forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        StringBuilder sb = new StringBuilder("{");
        sorted.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k)
                    .append("=\"")
                    .append(LogFacts.clean(v).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        });
        return sb.append('}').toString();
    }

    private static double number(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("value '" + text + "' is not a number");
                }
        }
    }

    private static String nanos(Instant t) {
        return BigInteger.valueOf(t.getEpochSecond())
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(t.getNano()))
                .toString();
    }

    private static String time(BigInteger nanos) {
        BigInteger[] parts = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        return Instant.ofEpochSecond(parts[0].longValue(), parts[1].longValue()).toString();
    }
}

package dev.runbookbot.diagnose.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.fetch.FetchedResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a Prometheus HTTP API answer to {@code /api/v1/query}. Keeps apart what must not be confused: a query
 * Prometheus rejected ({@code status: error}, its {@code errorType} and {@code error}), an HTTP error that is not a
 * Prometheus answer (a proxy's 502 page), a body that is not the API's JSON, and a successful result of any type.
 * Sample values arrive as strings and {@code "NaN"}, {@code "+Inf"} and {@code "-Inf"} are read as such, never as 0.
 * Thread-safe.
 */
final class QueryResponseReader {
    private final Supplier<ObjectMapper> json;

    /** @param json the mapper answers are read with, asked for when the first answer is read */
    QueryResponseReader(Supplier<ObjectMapper> json) {
        this.json = json;
    }

    /** The query result, or the failure the response stands for; {@code server} names Prometheus in messages. */
    QueryAnswer read(FetchedResponse response, String server) {
        if (response.truncated()) {
            return QueryAnswer.failed(
                    FailureKind.BAD_RESPONSE,
                    "prometheus at " + server + " sent a larger answer than the bot reads; narrow the query (for"
                            + " example aggregate it with sum by (...) or topk)");
        }
        JsonNode root = parse(response.body());
        if (root != null && "error".equals(root.path("status").asText())) {
            return rejected(root, server);
        }
        if (!response.isSuccessful()) {
            String snippet = response.bodySnippet(200);
            return QueryAnswer.failed(
                    FailureKind.BAD_RESPONSE,
                    "prometheus at " + server + " answered HTTP " + response.code() + " " + response.message()
                            + (snippet.isEmpty() ? "" : ": " + snippet)
                            + (response.code() == 401 || response.code() == 403
                                    ? " (check the credentials configured for it)"
                                    : ""));
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            return QueryAnswer.failed(
                    FailureKind.BAD_RESPONSE,
                    "prometheus at " + server + " answered with something that is not a Prometheus API response: "
                            + response.bodySnippet(120));
        }
        try {
            return QueryAnswer.of(result(root));
        } catch (MalformedAnswer e) {
            return QueryAnswer.failed(
                    FailureKind.BAD_RESPONSE,
                    "prometheus at " + server + " sent a result the bot cannot read: " + e.getMessage());
        }
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.get().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static QueryAnswer rejected(JsonNode root, String server) {
        String type = root.path("errorType").asText("");
        String error = root.path("error").asText("");
        String detail = (type.isEmpty() ? "" : type + ": ") + error;
        return switch (type) {
            case "timeout" ->
                QueryAnswer.failed(
                        FailureKind.TIMEOUT, "prometheus at " + server + " gave up evaluating the query: " + detail);
            case "canceled" ->
                QueryAnswer.failed(
                        FailureKind.CANCELLED, "prometheus at " + server + " cancelled the query: " + detail);
            case "bad_data", "execution", "not_found", "not_acceptable" ->
                QueryAnswer.failed(FailureKind.QUERY_ERROR, "prometheus rejected the query: " + detail);
            default ->
                QueryAnswer.failed(
                        FailureKind.BAD_RESPONSE, "prometheus at " + server + " failed to answer: " + detail);
        };
    }

    private static QueryResult result(JsonNode root) throws MalformedAnswer {
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        root.path("infos").forEach(w -> warnings.add(w.asText()));
        List<Sample> samples = new ArrayList<>();
        String text = "";
        switch (type) {
            case "vector" -> {
                for (JsonNode series : array(result, "result")) {
                    double value = point(series.path("value"));
                    samples.add(new Sample(labels(series.path("metric")), value, List.of(value)));
                }
            }
            case "matrix" -> {
                for (JsonNode series : array(result, "result")) {
                    List<Double> values = new ArrayList<>();
                    for (JsonNode p : array(series.path("values"), "values")) {
                        values.add(point(p));
                    }
                    double newest = values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
                    samples.add(new Sample(labels(series.path("metric")), newest, values));
                }
            }
            case "scalar" -> {
                double value = point(result);
                samples.add(new Sample(Map.of(), value, List.of(value)));
            }
            case "string" -> {
                if (!result.isArray() || result.size() != 2) {
                    throw new MalformedAnswer("a string result must be [time, \"text\"]");
                }
                text = result.get(1).asText();
            }
            default -> throw new MalformedAnswer("unknown resultType '" + type + "'");
        }
        return new QueryResult(type, samples, text, warnings);
    }

    private static JsonNode array(JsonNode node, String what) throws MalformedAnswer {
        if (!node.isArray()) {
            throw new MalformedAnswer("'" + what + "' is not a list");
        }
        return node;
    }

    private static Map<String, String> labels(JsonNode metric) throws MalformedAnswer {
        if (metric.isMissingNode()) {
            return Map.of();
        }
        if (!metric.isObject()) {
            throw new MalformedAnswer("'metric' is not an object");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** A {@code [time, "value"]} pair's value. */
    private static double point(JsonNode pair) throws MalformedAnswer {
        if (!pair.isArray() || pair.size() != 2) {
            throw new MalformedAnswer("a sample must be [time, \"value\"]");
        }
        return number(pair.get(1).asText());
    }

    /** Reads a sample value as Prometheus formats it (Go's {@code strconv.FormatFloat}). */
    static double number(String text) throws MalformedAnswer {
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
                    throw new MalformedAnswer("sample value '" + text + "' is not a number");
                }
        }
    }

    /** A result whose shape is not what the API documents. */
    static final class MalformedAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedAnswer(String message) {
            super(message);
        }
    }
}

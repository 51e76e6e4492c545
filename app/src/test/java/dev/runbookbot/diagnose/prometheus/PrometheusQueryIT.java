package dev.runbookbot.diagnose.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import dev.runbookbot.testing.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * prometheus_query against a real Prometheus that scrapes a /metrics target this test serves on 127.0.0.1. The target
 * exports a label value built to break naive PromQL templating; the queries prove it is matched literally.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusQueryIT {
    /** Quotes of both kinds, backslashes, a newline, a "} injection attempt and regex metacharacters. */
    private static final String HOSTILE = "it's a \"quote\"} or vector(1) # C:\\temp\\ \\\" end\nnext .* (x|y) [z]";

    private final OkHttpClient client = new OkHttpClient();
    private MockWebServer target;
    private PrometheusServer prometheus;
    private PrometheusExecutor executor;

    @BeforeAll
    void start() throws IOException {
        target = new MockWebServer();
        target.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse()
                        .setHeader("Content-Type", "text/plain; version=0.0.4")
                        .setBody(metrics());
            }
        });
        target.start(InetAddress.getLoopbackAddress(), 0);
        prometheus = PrometheusServer.start(List.of("127.0.0.1:" + target.getPort()));
        prometheus.awaitNonEmpty("count(payments_pod_ready) == 3", Duration.ofSeconds(60));
        prometheus.awaitNonEmpty("hostile_metric", Duration.ofSeconds(60));
        executor = new PrometheusExecutor(
                () -> client, Optional.of(PrometheusSettings.of(prometheus.baseUrl())), SecretResolver.none());
    }

    @AfterAll
    void stop() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.shutdown();
        }
    }

    private static String metrics() {
        return "# TYPE payments_pod_ready gauge\n"
                + "payments_pod_ready{pod=\"pay-1\"} 1\n"
                + "payments_pod_ready{pod=\"pay-2\"} 1\n"
                + "payments_pod_ready{pod=\"pay-3\"} 0\n"
                + "# TYPE hostile_metric gauge\n"
                + "hostile_metric{value=\"" + exposition(HOSTILE) + "\"} 42\n"
                + "hostile_metric{value=\"it's a \"} 7\n"
                + "hostile_metric{value=\"plain\"} 8\n"
                + "# TYPE special_values gauge\n"
                + "special_values{kind=\"nan\"} NaN\n"
                + "special_values{kind=\"inf\"} +Inf\n"
                + "special_values{kind=\"ninf\"} -Inf\n";
    }

    /** Label value escaping of the text exposition format: backslash, double quote and newline. */
    private static String exposition(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private Outcome query(String query, Map<String, String> labels) {
        return executor.execute(DiagnosticRequests.request(
                DiagnosticType.PROMETHEUS_QUERY,
                Map.of("query", query),
                new TemplateContext(Map.of(), labels, Map.of()),
                Duration.ofSeconds(10)));
    }

    private static Outcome.Observed observed(Outcome outcome) {
        return assertInstanceOf(Outcome.Observed.class, outcome, () -> "expected an observation, got " + outcome);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> samples(Outcome.Observed o) {
        return (List<Map<String, Object>>) o.facts().get("samples");
    }

    @Test
    void namedQueriesEachGiveTheirOwnFactsBesideTheMainQuery() {
        Map<String, Object> queries = new java.util.LinkedHashMap<>();
        queries.put("not_ready", "count(payments_pod_ready{pod=\"{{ labels.pod }}\"} == 0)");
        queries.put("pods", "count(payments_pod_ready)");
        Outcome.Observed o = observed(executor.execute(DiagnosticRequests.request(
                DiagnosticType.PROMETHEUS_QUERY,
                Map.of("query", "sum(payments_pod_ready)", "queries", queries),
                new TemplateContext(Map.of(), Map.of("pod", "pay-3"), Map.of()),
                Duration.ofSeconds(10))));
        assertEquals(2.0, o.facts().get("value"));
        Map<?, ?> named = (Map<?, ?>) o.facts().get("queries");
        assertEquals(List.of("not_ready", "pods"), List.copyOf(named.keySet()));
        assertEquals(1.0, ((Map<?, ?>) named.get("not_ready")).get("value"));
        assertEquals(3.0, ((Map<?, ?>) named.get("pods")).get("value"));
        assertEquals("{} = 2; not_ready: {} = 1; pods: {} = 3", o.evidence());
    }

    @Test
    void aStepWithOnlyNamedQueriesHasNoTopLevelValueAndAFailingOneFailsTheStepNamingIt() {
        Outcome.Observed only = observed(executor.execute(DiagnosticRequests.request(
                DiagnosticType.PROMETHEUS_QUERY,
                Map.of("queries", Map.of("pods", "count(payments_pod_ready)")),
                Duration.ofSeconds(10))));
        assertEquals(List.of("queries"), List.copyOf(only.facts().keySet()));
        Map<?, ?> pods = (Map<?, ?>) ((Map<?, ?>) only.facts().get("queries")).get("pods");
        assertEquals(3.0, pods.get("value"));
        assertEquals("pods: {} = 3", only.evidence());

        Outcome.Failed failed = assertInstanceOf(
                Outcome.Failed.class,
                executor.execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_QUERY,
                        Map.of("query", "sum(payments_pod_ready)", "queries", Map.of("broken", "sum(")),
                        Duration.ofSeconds(10))));
        assertEquals(FailureKind.QUERY_ERROR, failed.kind());
        assertTrue(failed.reason().startsWith("query 'broken': "), failed.reason());
    }

    @Test
    void aSingleSampleVectorHasAValue() {
        Outcome.Observed o = observed(query("payments_pod_ready{pod=\"{{ labels.pod }}\"}", Map.of("pod", "pay-3")));
        assertEquals("vector", o.facts().get("result_type"));
        assertEquals(true, o.facts().get("has_value"));
        assertEquals(0.0, o.facts().get("value"));
        assertTrue(o.evidence().startsWith("payments_pod_ready{"), o.evidence());
        assertTrue(o.evidence().contains("pod=\"pay-3\"") && o.evidence().endsWith("} = 0"), o.evidence());
        assertEquals("query: payments_pod_ready{pod=\"pay-3\"}", o.details().get(0), "the query as rendered and sent");
    }

    @Test
    void aMultiSampleVectorExposesEverySeriesAndItsAggregates() {
        Outcome.Observed o = observed(query("payments_pod_ready", Map.of()));
        assertEquals(3L, o.facts().get("count"));
        assertEquals(false, o.facts().get("has_value"));
        assertTrue(((Double) o.facts().get("value")).isNaN());
        assertEquals(0.0, o.facts().get("min"));
        assertEquals(1.0, o.facts().get("max"));
        assertEquals(2.0, o.facts().get("sum"));
        List<String> notReady = samples(o).stream()
                .filter(s -> (Double) s.get("value") < 1.0)
                .map(s -> ((Map<?, ?>) s.get("labels")).get("pod").toString())
                .toList();
        assertEquals(List.of("pay-3"), notReady);
        assertEquals(4, o.details().size(), "the rendered query, then one line per series");
        assertTrue(o.evidence().startsWith("3 series: "), o.evidence());
    }

    @Test
    void scalarsAreValues() {
        Outcome.Observed sum = observed(query("scalar(sum(payments_pod_ready))", Map.of()));
        assertEquals("scalar", sum.facts().get("result_type"));
        assertEquals(2.0, sum.facts().get("value"));
        Outcome.Observed one = observed(query("vector(1)", Map.of()));
        assertEquals("vector", one.facts().get("result_type"));
        assertEquals(1.0, one.facts().get("value"));
        assertEquals(Map.of(), samples(one).get(0).get("labels"));
    }

    @Test
    void anEmptyVectorIsEmptyNotZero() {
        Outcome.Observed o = observed(query("payments_pod_ready{pod=\"does-not-exist\"}", Map.of()));
        assertEquals(true, o.facts().get("empty"));
        assertEquals(false, o.facts().get("has_value"));
        assertEquals(0L, o.facts().get("count"));
        assertTrue(((Double) o.facts().get("value")).isNaN());
    }

    @Test
    void nanAndInfinitiesAreKeptApart() {
        Outcome.Observed nan = observed(query("0/0", Map.of()));
        assertEquals(true, nan.facts().get("is_nan"));
        assertEquals(false, nan.facts().get("is_inf"));
        assertEquals(true, nan.facts().get("has_value"));
        Outcome.Observed inf = observed(query("1/0", Map.of()));
        assertEquals(Double.POSITIVE_INFINITY, inf.facts().get("value"));
        assertEquals(true, inf.facts().get("is_inf"));
        Outcome.Observed scraped = observed(query("special_values", Map.of()));
        assertEquals(3L, scraped.facts().get("count"));
        assertEquals(true, scraped.facts().get("is_nan"));
        assertEquals(true, scraped.facts().get("is_inf"));
        assertEquals(0L, scraped.facts().get("finite_count"));
    }

    @Test
    void aRangeSelectorGivesAMatrix() {
        Outcome.Observed o = observed(query("payments_pod_ready{pod=\"pay-1\"}[1m]", Map.of()));
        assertEquals("matrix", o.facts().get("result_type"));
        assertEquals(1.0, o.facts().get("value"));
        assertTrue(!((List<?>) samples(o).get(0).get("values")).isEmpty());
    }

    @Test
    void aParseErrorIsAQueryError() {
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, query("sum(payments_pod_ready) by", Map.of()));
        assertEquals(FailureKind.QUERY_ERROR, f.kind());
        assertTrue(f.reason().startsWith("prometheus rejected the query: bad_data: "), f.reason());
        assertTrue(f.reason().contains("parse error"), f.reason());
    }

    @Test
    void aHostileLabelValueMatchesLiterallyWithEqualsAndRegex() {
        Map<String, String> labels = Map.of("v", HOSTILE);
        Outcome.Observed exact = observed(query("hostile_metric{value=\"{{ labels.v }}\"}", labels));
        assertEquals(1L, exact.facts().get("count"), exact.details().toString());
        assertEquals(42.0, exact.facts().get("value"));
        assertEquals(HOSTILE, ((Map<?, ?>) samples(exact).get(0).get("labels")).get("value"));
        Outcome.Observed regex = observed(query("hostile_metric{value=~\"{{ labels.v }}\"}", labels));
        assertEquals(1L, regex.facts().get("count"), regex.details().toString());
        assertEquals(42.0, regex.facts().get("value"));
        Outcome.Observed single = observed(query("hostile_metric{value='{{ labels.v }}'}", labels));
        assertEquals(42.0, single.facts().get("value"));
    }

    @Test
    void aHostileLabelValueCannotChangeTheQuery() {
        Outcome.Observed injection = observed(
                query("hostile_metric{value=\"{{ labels.v }}\"}", Map.of("v", "plain\"} or vector(1) or x{a=\"")));
        assertEquals(true, injection.facts().get("empty"), "the injection attempt is a value that matches nothing");
        Outcome.Observed wildcard = observed(query("hostile_metric{value=~\"{{ labels.v }}\"}", Map.of("v", ".*")));
        assertEquals(true, wildcard.facts().get("empty"), "'.*' is matched literally, not as a wildcard");
        Outcome.Observed prefix = observed(query("hostile_metric{value=\"{{ labels.v }}\"}", Map.of("v", "it's a ")));
        assertEquals(7.0, prefix.facts().get("value"), "a single quote inside \"...\" needs no escape");
    }
}

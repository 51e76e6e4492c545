package dev.runbookbot.diagnose.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusExecutorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SECRET_TOKEN = "tok-3f9a+/=secret";

    private final OkHttpClient client = new OkHttpClient();
    private final SecretResolver secrets = name -> name.equals("prom-token")
            ? Optional.of(new Secret(name, SECRET_TOKEN))
            : name.equals("other-password")
                    ? Optional.of(new Secret(name, "pw-other"))
                    : name.equals("broken-token") ? Optional.of(new Secret(name, "abc\nX-Evil: 1")) : Optional.empty();
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private PrometheusExecutor executor() {
        return new PrometheusExecutor(
                () -> client,
                Optional.of(new PrometheusSettings(
                        server.url("/").uri(), Optional.of("prom-token"), Optional.empty(), Optional.empty())),
                secrets);
    }

    private Outcome run(String query) {
        return executor()
                .execute(DiagnosticRequests.request(DiagnosticType.PROMETHEUS_QUERY, Map.of("query", query), TIMEOUT));
    }

    private static Outcome.Observed observed(Outcome outcome) {
        return assertInstanceOf(Outcome.Observed.class, outcome, () -> "expected an observation, got " + outcome);
    }

    private static Outcome.Failed failed(Outcome outcome) {
        return assertInstanceOf(Outcome.Failed.class, outcome, () -> "expected a failure, got " + outcome);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> samples(Outcome.Observed o) {
        return (List<Map<String, Object>>) o.facts().get("samples");
    }

    /** One expectation per recorded answer in app/src/test/resources/fixtures/prometheus-api, with the HTTP status it came with. */
    private static Map<String, Expectation> expectations() {
        Map<String, Expectation> e = new LinkedHashMap<>();
        e.put("captured.query.empty-vector.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals("vector", o.facts().get("result_type"));
            assertEquals(true, o.facts().get("empty"));
            assertEquals(0L, o.facts().get("count"));
            assertEquals(false, o.facts().get("has_value"));
            assertTrue(((Double) o.facts().get("value")).isNaN(), "an empty vector is never 0");
            assertEquals(false, o.facts().get("is_nan"));
            assertEquals(0L, o.facts().get("finite_count"));
            assertTrue(((Double) o.facts().get("sum")).isNaN());
            assertEquals(List.of(), o.facts().get("samples"));
            assertEquals("no series matched (empty vector): there is no value to compare", o.evidence());
        }));
        e.put("captured.query.error-bad_data-missing-query.json", new Expectation(400, out -> {
            Outcome.Failed f = failed(out);
            assertEquals(FailureKind.QUERY_ERROR, f.kind());
            assertEquals(
                    "prometheus rejected the query: bad_data: invalid parameter \"query\": 1:1: parse error: no"
                            + " expression found in input",
                    f.reason());
        }));
        e.put("captured.query.error-bad_data-parse.json", new Expectation(400, out -> {
            Outcome.Failed f = failed(out);
            assertEquals(FailureKind.QUERY_ERROR, f.kind());
            assertEquals(
                    "prometheus rejected the query: bad_data: invalid parameter \"query\": 1:35: parse error:"
                            + " unexpected <by> in aggregation",
                    f.reason());
        }));
        e.put("captured.query.error-execution-many-to-many.json", new Expectation(422, out -> {
            Outcome.Failed f = failed(out);
            assertEquals(FailureKind.QUERY_ERROR, f.kind());
            assertTrue(
                    f.reason().startsWith("prometheus rejected the query: execution: found duplicate series"),
                    f.reason());
            assertTrue(f.reason()
                    .endsWith("many-to-many matching not allowed: matching labels must be unique on one side"));
        }));
        e.put("captured.query.nan-and-inf.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals(2L, o.facts().get("count"));
            assertEquals(false, o.facts().get("has_value"));
            assertEquals(true, o.facts().get("is_nan"));
            assertEquals(true, o.facts().get("is_inf"));
            assertEquals(0L, o.facts().get("finite_count"));
            assertTrue(((Double) o.facts().get("max")).isNaN(), "min/max/sum ignore NaN and Inf");
            List<Map<String, Object>> s = samples(o);
            assertTrue(((Double) s.get(0).get("value")).isNaN());
            assertEquals(Map.of("k", "inf"), s.get(1).get("labels"));
            assertEquals(Double.POSITIVE_INFINITY, s.get(1).get("value"));
            assertEquals("2 series: {} = NaN; {k=\"inf\"} = +Inf", o.evidence());
        }));
        e.put("captured.query.scalar.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals("scalar", o.facts().get("result_type"));
            assertEquals(true, o.facts().get("has_value"));
            assertEquals(1.0, o.facts().get("value"));
            assertEquals(1L, o.facts().get("count"));
            assertEquals(false, o.facts().get("empty"));
            assertEquals("scalar 1", o.evidence());
        }));
        e.put("captured.query.string.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals("string", o.facts().get("result_type"));
            assertEquals("hello", o.facts().get("string_value"));
            assertEquals(false, o.facts().get("has_value"));
            assertEquals(false, o.facts().get("empty"));
            assertEquals(0L, o.facts().get("count"));
            assertEquals("string result \"hello\"", o.evidence());
        }));
        e.put("captured.query.vector.up.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals(true, o.facts().get("has_value"));
            assertEquals(1.0, o.facts().get("value"));
            assertEquals(1.0, o.facts().get("min"));
            assertEquals(
                    Map.of("__name__", "up", "instance", "127.0.0.1:19990", "job", "prometheus"),
                    samples(o).get(0).get("labels"));
            assertEquals("up{instance=\"127.0.0.1:19990\", job=\"prometheus\"} = 1", o.evidence());
        }));
        e.put("captured.query_range.error-bad_data-too-many-points.json", new Expectation(400, out -> {
            Outcome.Failed f = failed(out);
            assertEquals(FailureKind.QUERY_ERROR, f.kind());
            assertTrue(f.reason().contains("bad_data: exceeded maximum resolution of 11,000 points"), f.reason());
        }));
        e.put("captured.query_range.error-timeout.json", new Expectation(503, out -> {
            Outcome.Failed f = failed(out);
            assertEquals(FailureKind.TIMEOUT, f.kind());
            assertTrue(
                    f.reason()
                            .endsWith("gave up evaluating the query: timeout: query timed out in expression"
                                    + " evaluation"),
                    f.reason());
        }));
        e.put("captured.query_range.matrix.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals("matrix", o.facts().get("result_type"));
            assertEquals(1L, o.facts().get("count"));
            assertEquals(1.0, o.facts().get("value"), "a matrix series' value is its newest point");
            assertEquals(List.of(1.0, 1.0, 1.0, 1.0, 1.0), samples(o).get(0).get("values"));
        }));
        e.put("docs.query.vector.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals(2L, o.facts().get("count"));
            assertEquals(false, o.facts().get("has_value"));
            assertTrue(((Double) o.facts().get("value")).isNaN(), "several samples have no single value");
            assertEquals(0.0, o.facts().get("min"));
            assertEquals(1.0, o.facts().get("max"));
            assertEquals(1.0, o.facts().get("sum"));
            assertEquals(0.5, o.facts().get("avg"));
            assertEquals(
                    List.of(
                            "query: up",
                            "up{instance=\"localhost:9090\", job=\"prometheus\"} = 1",
                            "up{instance=\"localhost:9100\", job=\"node\"} = 0"),
                    o.details());
        }));
        e.put("docs.query_range.matrix.json", new Expectation(200, out -> {
            Outcome.Observed o = observed(out);
            assertEquals("matrix", o.facts().get("result_type"));
            assertEquals(2L, o.facts().get("count"));
            assertEquals(2.0, o.facts().get("sum"));
            assertEquals(List.of(0.0, 0.0, 1.0), samples(o).get(1).get("values"));
        }));
        return e;
    }

    record Expectation(int status, Consumer<Outcome> check) {}

    @Test
    void everyRecordedAnswerIsReadAsWhatItIs() {
        Map<String, Expectation> expectations = expectations();
        List<Path> files = RecordedFixtures.files("prometheus-api");
        assertEquals(
                new TreeSet<>(expectations.keySet()),
                files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
                "every fixture has an expectation, and every expectation a fixture");
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            Expectation expectation = expectations.get(file.getFileName().toString());
            server.enqueue(new MockResponse()
                    .setResponseCode(expectation.status())
                    .setHeader("Content-Type", "application/json")
                    .setBody(RecordedFixtures.read(file)));
            Outcome outcome = run("up");
            try {
                expectation.check().accept(outcome);
            } catch (AssertionError e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void sendsOneGetWithTheRenderedQueryTheTimeoutAndTheBearerToken() throws InterruptedException {
        server.enqueue(jsonFixture("captured.query.vector.up.json"));
        TemplateContext context = new TemplateContext(Map.of("ns", "payments"), Map.of("pod", "pay-1"), Map.of());
        Outcome outcome = executor()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_QUERY,
                        Map.of("query", "up{namespace=\"{{ params.ns }}\", pod=\"{{ labels.pod }}\"}"),
                        context,
                        Duration.ofMillis(2500)));
        observed(outcome);
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GET", recorded.getMethod());
        assertEquals("/api/v1/query", recorded.getRequestUrl().encodedPath());
        assertEquals(
                "up{namespace=\"payments\", pod=\"pay-1\"}",
                recorded.getRequestUrl().queryParameter("query"));
        assertEquals("2500ms", recorded.getRequestUrl().queryParameter("timeout"));
        assertEquals("Bearer " + SECRET_TOKEN, recorded.getHeader("Authorization"));
        assertEquals("application/json", recorded.getHeader("Accept"));
    }

    @Test
    void hostileLabelValuesAreEscapedAsPromqlStrings() throws InterruptedException {
        server.enqueue(jsonFixture("captured.query.empty-vector.json"));
        String hostile = "x\"} or vector(1) # \\ it's\n.*";
        TemplateContext context = new TemplateContext(Map.of(), Map.of("pod", hostile), Map.of());
        observed(executor()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_QUERY,
                        Map.of("query", "up{pod=\"{{ labels.pod }}\"} or up{pod=~\"{{ labels.pod }}\"}"),
                        context,
                        TIMEOUT)));
        String sent = server.takeRequest(5, TimeUnit.SECONDS).getRequestUrl().queryParameter("query");
        assertEquals(
                "up{pod=\"x\\\"} or vector(1) # \\\\ it's\\n.*\"} or up{pod=~\"x\\\"\\\\} or vector\\\\(1\\\\) #"
                        + " \\\\\\\\ it's\\n\\\\.\\\\*\"}",
                sent);
    }

    @Test
    void aServerWithAPathPrefixKeepsIt() throws InterruptedException {
        server.enqueue(jsonFixture("captured.query.scalar.json"));
        PrometheusExecutor prefixed = new PrometheusExecutor(
                () -> client,
                Optional.of(PrometheusSettings.of(server.url("/prom/").uri())),
                SecretResolver.none());
        observed(prefixed.execute(
                DiagnosticRequests.request(DiagnosticType.PROMETHEUS_QUERY, Map.of("query", "vector(1)"), TIMEOUT)));
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/prom/api/v1/query", recorded.getRequestUrl().encodedPath());
        assertNull(recorded.getHeader("Authorization"));
    }

    @Test
    void aStepWithItsOwnUrlUsesItsOwnCredentialsAndNeverTheBots() throws InterruptedException {
        server.enqueue(jsonFixture("captured.query.scalar.json"));
        Map<String, Object> config = Map.of(
                "query", "vector(1)",
                "url", server.url("/").toString(),
                "basic_user", "reader",
                "basic_password_secret", "other-password");
        observed(executor().execute(DiagnosticRequests.request(DiagnosticType.PROMETHEUS_QUERY, config, TIMEOUT)));
        String authorization = server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization");
        assertEquals(okhttp3.Credentials.basic("reader", "pw-other"), authorization);

        server.enqueue(jsonFixture("captured.query.scalar.json"));
        observed(executor()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_QUERY,
                        Map.of("query", "vector(1)", "url", server.url("/").toString()),
                        TIMEOUT)));
        assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"));
    }

    @Test
    void aMissingSecretIsAConfigurationFailureNamingIt() {
        PrometheusExecutor executor = new PrometheusExecutor(
                () -> client,
                Optional.of(new PrometheusSettings(
                        server.url("/").uri(), Optional.of("absent-token"), Optional.empty(), Optional.empty())),
                secrets);
        Outcome.Failed f = failed(executor.execute(
                DiagnosticRequests.request(DiagnosticType.PROMETHEUS_QUERY, Map.of("query", "up"), TIMEOUT)));
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertEquals(
                "secret 'absent-token' (the bearer token set in the bot's prometheus settings) is not in the secret"
                        + " store",
                f.reason());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aSecretThatCannotBeAHeaderIsAConfigurationFailureThatDoesNotQuoteIt() {
        PrometheusExecutor executor = new PrometheusExecutor(
                () -> client,
                Optional.of(new PrometheusSettings(
                        server.url("/").uri(), Optional.of("broken-token"), Optional.empty(), Optional.empty())),
                secrets);
        Outcome.Failed f = failed(executor.execute(
                DiagnosticRequests.request(DiagnosticType.PROMETHEUS_QUERY, Map.of("query", "up"), TIMEOUT)));
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertEquals(
                "secret 'broken-token' (set in the bot's prometheus settings) cannot be sent in an HTTP header: it"
                        + " contains a line break or a character outside printable ASCII",
                f.reason());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anHttpErrorThatIsNotAPrometheusAnswerIsABadResponse() {
        server.enqueue(new MockResponse()
                .setResponseCode(502)
                .setHeader("Content-Type", "text/html")
                .setBody("<html><body>Bad Gateway</body></html>\n"));
        Outcome.Failed f = failed(run("up"));
        assertEquals(FailureKind.BAD_RESPONSE, f.kind());
        assertEquals(
                "prometheus at " + origin() + " answered HTTP 502 Server Error: <html><body>Bad Gateway</body></html>",
                f.reason());
    }

    @Test
    void aSuccessfulStatusWithoutTheApiJsonIsABadResponse() {
        server.enqueue(new MockResponse().setBody("OK"));
        Outcome.Failed f = failed(run("up"));
        assertEquals(FailureKind.BAD_RESPONSE, f.kind());
        assertEquals(
                "prometheus at " + origin() + " answered with something that is not a Prometheus API response: OK",
                f.reason());
    }

    @Test
    void aNonNumericSampleValueIsABadResponseNotAZero() {
        server.enqueue(new MockResponse()
                .setBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                        + "\"value\":[1,\"oops\"]}]}}"));
        Outcome.Failed f = failed(run("up"));
        assertEquals(FailureKind.BAD_RESPONSE, f.kind());
        assertTrue(f.reason().endsWith("sent a result the bot cannot read: sample value 'oops' is not a number"));
    }

    @Test
    void anAnswerLargerThanTheCapIsRefusedNotTruncated() {
        StringBuilder big =
                new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"");
        big.append("x".repeat((int) PrometheusExecutor.MAX_BODY_BYTES));
        big.append("\"]}}");
        server.enqueue(new MockResponse().setBody(big.toString()));
        Outcome.Failed f = failed(run("up"));
        assertEquals(FailureKind.BAD_RESPONSE, f.kind());
        assertTrue(f.reason().contains("sent a larger answer than the bot reads"), f.reason());
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrometheusExecutor executor = new PrometheusExecutor(
                () -> client, Optional.of(PrometheusSettings.of(URI.create("http://127.0.0.1:" + port))), secrets);
        Outcome.Failed f = failed(executor.execute(
                DiagnosticRequests.request(DiagnosticType.PROMETHEUS_QUERY, Map.of("query", "up"), TIMEOUT)));
        assertEquals(FailureKind.UNREACHABLE, f.kind());
        assertTrue(
                f.reason().startsWith("prometheus at http://127.0.0.1:" + port + " could not be connected to ("),
                f.reason());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        Outcome.Failed f = failed(executor()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_QUERY, Map.of("query", "up"), Duration.ofMillis(300))));
        assertEquals(FailureKind.TIMEOUT, f.kind());
        assertEquals("prometheus at " + origin() + " did not answer within 300ms", f.reason());
    }

    @Test
    void anInterruptCancelsTheRequestAndKeepsTheFlag() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        AtomicReference<Outcome> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        DiagnosticRequest request = DiagnosticRequests.request(
                DiagnosticType.PROMETHEUS_QUERY, Map.of("query", "up"), Duration.ofMinutes(5));
        Thread worker = new Thread(() -> {
            result.set(executor().execute(request));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        assertTrue(server.takeRequest(10, TimeUnit.SECONDS) != null, "the request reached the server");
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(worker.isAlive(), "an interrupt ends the step long before its 5 minute timeout");
        Outcome.Failed f = failed(result.get());
        assertEquals(FailureKind.CANCELLED, f.kind());
        assertEquals(true, stillInterrupted.get());
    }

    @Test
    void aMissingLabelIsAConfigurationFailureNamingIt() {
        Outcome.Failed f = failed(run("up{pod=\"{{ labels.pod }}\"}"));
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertEquals("diagnostics[0].config.query: no value for labels.pod", f.reason());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void validationReportsEveryProblemWithItsPath() {
        PrometheusExecutor executor = executor();
        assertEquals(
                List.of(new ConfigProblem("diagnostics[0].config.query", "is required")),
                executor.validate(DiagnosticRequests.config(Map.of())));
        List<ConfigProblem> problems = executor.validate(DiagnosticRequests.config(Map.of(
                "query", "up{job=`{{ labels.job }}`} > {{ labels.limit }}",
                "url", "http://{{ labels.host }}:9090",
                "qurey", "typo")));
        List<String> paths = problems.stream().map(ConfigProblem::path).toList();
        assertEquals(
                List.of("diagnostics[0].config.qurey", "diagnostics[0].config.query", "diagnostics[0].config.url"),
                paths,
                problems.toString());
        assertTrue(problems.get(1).message().contains("labels.job stands inside a raw `...` PromQL string"));
        assertTrue(problems.get(2).message().contains("alert data must never choose the server"));
        assertEquals(
                List.of(new ConfigProblem(
                        "diagnostics[0].config.bearer_secret",
                        "credentials in a step go with the step's own url",
                        "the bot's Prometheus credentials are set in the bot's configuration")),
                executor.validate(DiagnosticRequests.config(Map.of("query", "up", "bearer_secret", "x"))));
        assertEquals(
                List.of(new ConfigProblem(
                        "diagnostics[0].config.url",
                        "must not carry credentials",
                        "name a secret with bearer_secret or basic_password_secret")),
                executor.validate(DiagnosticRequests.config(Map.of("query", "up", "url", "http://u:p@h:9090"))));
    }

    @Test
    void namedQueriesAreCheckedLikeTheQuery() {
        PrometheusExecutor executor = executor();
        assertEquals(List.of(), executor.validate(DiagnosticRequests.config(Map.of("queries", Map.of("short", "up")))));
        assertEquals(
                List.of(
                        new ConfigProblem(
                                "diagnostics[0].config.queries.Bad-Name",
                                "is not a query name: lower-case letters, digits and _, starting with a letter",
                                "conditions read it as queries.<name>.value"),
                        new ConfigProblem("diagnostics[0].config.queries.empty", "must not be empty")),
                executor.validate(DiagnosticRequests.config(Map.of(
                        "query", "up", "queries", new java.util.TreeMap<>(Map.of("Bad-Name", "up", "empty", ""))))));
        List<ConfigProblem> raw = executor.validate(DiagnosticRequests.config(
                Map.of("queries", Map.of("trend", "deriv(up{job=`{{ labels.job }}`}[30m])"))));
        assertEquals(1, raw.size(), raw.toString());
        assertEquals("diagnostics[0].config.queries.trend", raw.get(0).path());
        Map<String, Object> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("q" + i, "up");
        }
        assertEquals(
                List.of(new ConfigProblem("diagnostics[0].config.queries", "has 11 queries; a step holds at most 10")),
                executor.validate(DiagnosticRequests.config(Map.of("queries", eleven))));
    }

    @Test
    void namedQueriesRunInOrderAndTheFirstFailureFailsTheStepNamingIt() throws InterruptedException {
        server.enqueue(jsonFixture("captured.query.scalar.json"));
        server.enqueue(new MockResponse()
                .setResponseCode(400)
                .setHeader("Content-Type", "application/json")
                .setBody("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"));
        Map<String, Object> queries = new LinkedHashMap<>();
        queries.put("first", "vector(1)");
        queries.put("second", "sum(");
        Outcome.Failed failed = failed(executor()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_QUERY, Map.of("queries", queries), TIMEOUT)));
        assertEquals(FailureKind.QUERY_ERROR, failed.kind());
        assertTrue(failed.reason().startsWith("query 'second': "), failed.reason());
        assertEquals(
                "vector(1)",
                server.takeRequest(5, TimeUnit.SECONDS).getRequestUrl().queryParameter("query"));
        assertEquals(
                "sum(", server.takeRequest(5, TimeUnit.SECONDS).getRequestUrl().queryParameter("query"));
    }

    @Test
    void withoutABotPrometheusAStepMustNameItsOwn() {
        PrometheusExecutor executor = new PrometheusExecutor(() -> client, Optional.empty(), secrets);
        List<ConfigProblem> problems = executor.validate(DiagnosticRequests.config(Map.of("query", "up")));
        assertEquals(1, problems.size());
        assertEquals("diagnostics[0].config.url", problems.get(0).path());
        assertEquals(
                "is required: the bot has no Prometheus configured",
                problems.get(0).message());
    }

    @Test
    void declaresItsFactsWithTypes() {
        Map<String, ValueType> facts = executor().facts();
        assertEquals(ValueType.DOUBLE, facts.get("value"));
        assertEquals(ValueType.BOOL, facts.get("empty"));
        assertEquals(ValueType.INT, facts.get("count"));
        assertEquals(ValueType.MAP_LIST, facts.get("samples"));
        server.enqueue(jsonFixture("docs.query.vector.json"));
        assertEquals(facts.keySet(), observed(run("up")).facts().keySet(), "every declared fact is set, no other");
    }

    @Test
    void secretsNeverReachTheOutcome() {
        server.enqueue(new MockResponse().setResponseCode(401).setBody("Unauthorized"));
        Outcome outcome = run("up");
        assertFalse(outcome.toString().contains(SECRET_TOKEN), outcome.toString());
        assertTrue(((Outcome.Failed) outcome).reason().endsWith("(check the credentials configured for it)"));
    }

    private String origin() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    private static MockResponse jsonFixture(String name) {
        return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(RecordedFixtures.read(
                        RecordedFixtures.root().resolve("prometheus-api").resolve(name)));
    }
}

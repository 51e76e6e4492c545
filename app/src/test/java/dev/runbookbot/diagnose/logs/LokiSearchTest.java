package dev.runbookbot.diagnose.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LokiSearchTest {
    /** These searches never read the journal: a journal read would be refused. */
    private static final Executor NO_JOURNAL_READS = task -> {
        throw new RejectedExecutionException("this test searches no journal");
    };

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.123456789Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SecretResolver secrets =
            name -> name.equals("loki-token") ? Optional.of(new Secret(name, "loki-tok")) : Optional.empty();
    private MockWebServer server;
    private LogSearchExecutor executor;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        LokiSettings loki = new LokiSettings(
                server.url("/").uri(),
                Optional.of("loki-token"),
                Optional.empty(),
                Optional.empty(),
                Optional.of("team-a"));
        executor = new LogSearchExecutor(
                OkHttpClient::new,
                new LogSearchSettings(Optional.of(loki), LogSearchSettings.DEFAULT_JOURNALCTL),
                secrets,
                Clock.fixed(NOW, ZoneOffset.UTC),
                NO_JOURNAL_READS);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private Outcome run(Map<String, Object> config) {
        return executor.execute(DiagnosticRequests.request(DiagnosticType.LOG_SEARCH, config, TIMEOUT));
    }

    private static Outcome.Observed observed(Outcome outcome) {
        return assertInstanceOf(Outcome.Observed.class, outcome, () -> "expected an observation, got " + outcome);
    }

    /** One expectation per recorded Loki answer in app/src/test/resources/fixtures/loki. */
    private static Map<String, Consumer<Outcome.Observed>> expectations() {
        Map<String, Consumer<Outcome.Observed>> e = new LinkedHashMap<>();
        e.put("docs.query_range.matrix.json", o -> {
            assertEquals("matrix", o.facts().get("result_type"));
            assertEquals(
                    658.8516666666667 + 660.6933333333334, (Double) o.facts().get("value"), 1e-9);
            assertEquals(1320L, o.facts().get("match_count"));
            assertEquals(2L, o.facts().get("streams"));
            assertEquals(List.of(), o.facts().get("lines"));
            assertEquals(
                    List.of("{level=\"info\"} = 658.8516666666667", "{level=\"warn\"} = 660.6933333333334"),
                    o.details());
        });
        e.put("docs.query_range.streams.json", o -> {
            assertEquals("streams", o.facts().get("result_type"));
            assertEquals(2L, o.facts().get("match_count"));
            assertEquals(2.0, o.facts().get("value"));
            assertEquals(1L, o.facts().get("streams"));
            assertEquals(List.of("foo", "bar"), o.facts().get("lines"), "newest first");
            assertEquals(false, o.facts().get("limit_reached"));
            assertEquals(
                    "2019-09-23T19:21:37.240578Z {filename=\"/var/log/myproject.log\", job=\"varlogs\", level=\"info\"}"
                            + " foo",
                    o.details().get(0));
            assertEquals("2 matching log lines in the last 15m (loki); newest: foo", o.evidence());
        });
        e.put("loki-tests.query.vector.json", o -> {
            assertEquals("vector", o.facts().get("result_type"));
            assertEquals(0.013333333333333334 + 3.45, (Double) o.facts().get("value"), 1e-12);
            assertEquals(3L, o.facts().get("match_count"));
            assertEquals(2L, o.facts().get("streams"));
        });
        e.put("loki-tests.query_range.matrix.json", o -> {
            assertEquals("matrix", o.facts().get("result_type"));
            assertEquals(
                    0.013333333333333334 + 4.45, (Double) o.facts().get("value"), 1e-12, "newest point per series");
            assertEquals(4L, o.facts().get("match_count"));
        });
        e.put("loki-tests.query_range.streams.categorize-labels.json", o -> {
            assertEquals(3L, o.facts().get("match_count"));
            assertEquals(
                    List.of("super line with labels msg=text", "super line with labels", "super line"),
                    o.facts().get("lines"));
        });
        e.put("loki-tests.query_range.streams.json", o -> {
            assertEquals(2L, o.facts().get("match_count"));
            assertEquals(
                    List.of("super line with labels", "super line"), o.facts().get("lines"));
        });
        return e;
    }

    @Test
    void everyRecordedAnswerIsRead() {
        Map<String, Consumer<Outcome.Observed>> expectations = expectations();
        List<Path> files = RecordedFixtures.files("loki");
        assertEquals(
                new TreeSet<>(expectations.keySet()),
                files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            server.enqueue(new MockResponse()
                    .setHeader("Content-Type", "application/json")
                    .setBody(RecordedFixtures.read(file)));
            try {
                expectations
                        .get(file.getFileName().toString())
                        .accept(observed(run(Map.of("query", "{job=\"varlogs\"}"))));
            } catch (AssertionError e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void sendsABackwardRangeQueryOverTheWindowWithTenantAndToken() throws InterruptedException {
        server.enqueue(fixture("docs.query_range.streams.json"));
        observed(run(Map.of("query", "{app=\"payments\"} |= \"timeout\"", "since", "10m", "limit", 2)));
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GET", recorded.getMethod());
        assertEquals("/loki/api/v1/query_range", recorded.getRequestUrl().encodedPath());
        assertEquals(
                "{app=\"payments\"} |= \"timeout\"", recorded.getRequestUrl().queryParameter("query"));
        assertEquals("1795427400123456789", recorded.getRequestUrl().queryParameter("start"));
        assertEquals("1795428000123456789", recorded.getRequestUrl().queryParameter("end"));
        assertEquals("2", recorded.getRequestUrl().queryParameter("limit"));
        assertEquals("backward", recorded.getRequestUrl().queryParameter("direction"));
        assertEquals("team-a", recorded.getHeader("X-Scope-OrgID"));
        assertEquals("Bearer loki-tok", recorded.getHeader("Authorization"));
    }

    @Test
    void reachingTheLimitSaysTheCountIsALowerBound() {
        server.enqueue(fixture("docs.query_range.streams.json"));
        Outcome.Observed o = observed(run(Map.of("query", "{job=\"varlogs\"}", "limit", 2)));
        assertEquals(true, o.facts().get("limit_reached"));
        assertTrue(o.evidence().startsWith("at least 2 matching log lines"), o.evidence());
    }

    @Test
    void hostileTemplateValuesAreEscapedAsLogqlStrings() throws InterruptedException {
        server.enqueue(fixture("docs.query_range.streams.json"));
        TemplateContext context = new TemplateContext(
                Map.of(), Map.of("pod", "p\"} |= \"\" or {x=\"", "msg", "a\\b\nc", "re", "err.*(x)"), Map.of());
        observed(executor.execute(DiagnosticRequests.request(
                DiagnosticType.LOG_SEARCH,
                Map.of("query", "{pod=\"{{ labels.pod }}\"} |= \"{{ labels.msg }}\" |~ \"{{ labels.re }}\""),
                context,
                TIMEOUT)));
        assertEquals(
                "{pod=\"p\\\"} |= \\\"\\\" or {x=\\\"\"} |= \"a\\\\b\\nc\" |~ \"err\\\\.\\\\*\\\\(x\\\\)\"",
                server.takeRequest(5, TimeUnit.SECONDS).getRequestUrl().queryParameter("query"));
    }

    @Test
    void aQueryLokiRejectsIsAQueryErrorWithLokisMessage() {
        server.enqueue(new MockResponse()
                .setResponseCode(400)
                .setHeader("Content-Type", "text/plain; charset=utf-8")
                .setBody("parse error at line 1, col 8: syntax error: unexpected IDENTIFIER\n"));
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, run(Map.of("query", "{job=\"x\"} xx")));
        assertEquals(FailureKind.QUERY_ERROR, f.kind());
        assertEquals(
                "loki rejected the query: parse error at line 1, col 8: syntax error: unexpected IDENTIFIER",
                f.reason());
    }

    @Test
    void serverErrorsAndTimeoutsAreKeptApart() {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("too many outstanding requests"));
        Outcome.Failed bad = assertInstanceOf(Outcome.Failed.class, run(Map.of("query", "{job=\"x\"}")));
        assertEquals(FailureKind.BAD_RESPONSE, bad.kind());
        assertTrue(
                bad.reason().endsWith("answered HTTP 500 Server Error: too many outstanding requests"), bad.reason());
        server.enqueue(new MockResponse().setResponseCode(504).setBody("context deadline exceeded"));
        Outcome.Failed slow = assertInstanceOf(Outcome.Failed.class, run(Map.of("query", "{job=\"x\"}")));
        assertEquals(FailureKind.TIMEOUT, slow.kind());
        server.enqueue(new MockResponse()
                .setBody("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\","
                        + "\"result\":[{\"stream\":{},\"values\":[[\"not-a-time\",\"x\"]]}]}}"));
        Outcome.Failed malformed = assertInstanceOf(Outcome.Failed.class, run(Map.of("query", "{job=\"x\"}")));
        assertEquals(FailureKind.BAD_RESPONSE, malformed.kind());
    }

    @Test
    void aStepWithItsOwnLokiGetsNoCredentialsAndNoTenant() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start(InetAddress.getLoopbackAddress(), 0);
            other.enqueue(fixture("docs.query_range.streams.json"));
            observed(run(Map.of("query", "{job=\"x\"}", "url", other.url("/").toString())));
            RecordedRequest recorded = other.takeRequest(5, TimeUnit.SECONDS);
            assertNull(recorded.getHeader("Authorization"));
            assertNull(recorded.getHeader("X-Scope-OrgID"));
        }
    }

    @Test
    void validationReportsEveryProblemWithItsPath() {
        List<ConfigProblem> problems = executor.validate(DiagnosticRequests.config(Map.of(
                "query", "{app=\"a\"} | regexp \"(?P<x>{{ labels.x }})\"",
                "since", "forever",
                "limit", 0,
                "url", "http://{{ labels.host }}:3100")));
        assertEquals(
                List.of(
                        "diagnostics[0].config.since",
                        "diagnostics[0].config.limit",
                        "diagnostics[0].config.query",
                        "diagnostics[0].config.url"),
                problems.stream().map(ConfigProblem::path).toList(),
                problems.toString());
        assertTrue(
                problems.get(2).message().contains("argument of | regexp"),
                problems.get(2).message());
        assertEquals(
                "a {{ }} placeholder stands in the argument of |> (pattern filter), which Loki does not read as literal"
                        + " text; use a line filter such as |= \"...\" or a label matcher for alert data",
                executor.validate(DiagnosticRequests.config(Map.of("query", "{a=\"b\"} |> \"<_> {{ labels.x }}\"")))
                        .get(0)
                        .message());
        assertEquals(
                List.of(),
                executor.validate(DiagnosticRequests.config(
                        Map.of("query", "sum(count_over_time({a=\"{{ labels.a }}\"} |~ \"{{ labels.b }}\" [5m]))"))));
        assertEquals(
                "must be loki, file or journald, got 'elastic'",
                executor.validate(DiagnosticRequests.config(Map.of("source", "elastic")))
                        .get(0)
                        .message());
    }

    @Test
    void withoutUrlAndWithoutTheBotsLokiTheStepIsAWarningAtLintAndAnErrorWhenItRuns() {
        LogSearchExecutor noLoki = new LogSearchExecutor(
                OkHttpClient::new,
                LogSearchSettings.defaults(),
                secrets,
                Clock.fixed(NOW, ZoneOffset.UTC),
                NO_JOURNAL_READS);
        Map<String, Object> config = Map.of("query", "{app=\"a\"} |= \"ERROR\"");
        List<ConfigProblem> problems = noLoki.validate(DiagnosticRequests.config(config));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("diagnostics[0].config.url", problems.get(0).path());
        assertEquals(LogSearchExecutor.URL_FROM_SETTINGS, problems.get(0).message());
        assertTrue(!problems.get(0).isError());
        Outcome.Failed failed = assertInstanceOf(
                Outcome.Failed.class,
                noLoki.execute(DiagnosticRequests.request(DiagnosticType.LOG_SEARCH, config, TIMEOUT)));
        assertEquals(FailureKind.CONFIGURATION, failed.kind());
        assertEquals("diagnostics[0].config.url: " + LogSearchExecutor.NO_LOKI, failed.reason());
        assertEquals(0, server.getRequestCount());
    }

    private static MockResponse fixture(String name) {
        return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(RecordedFixtures.read(
                        RecordedFixtures.root().resolve("loki").resolve(name)));
    }
}

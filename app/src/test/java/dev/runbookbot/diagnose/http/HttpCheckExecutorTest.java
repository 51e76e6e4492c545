package dev.runbookbot.diagnose.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckExecutorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TOKEN = "s3cr3t-t0ken-value";

    private final SecretResolver secrets = name -> name.equals("api-token")
            ? Optional.of(new Secret(name, TOKEN))
            : name.equals("odd-key") ? Optional.of(new Secret(name, "clé-" + TOKEN)) : Optional.empty();
    private final HttpCheckExecutor executor =
            new HttpCheckExecutor(OkHttpClient::new, HttpCheckSettings.defaults(), secrets, Clock.systemUTC());
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private Map<String, Object> url(String name, String path, Object... extra) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("name", name);
        u.put("url", server.url(path).toString());
        for (int i = 0; i < extra.length; i += 2) {
            u.put((String) extra[i], extra[i + 1]);
        }
        return u;
    }

    private Outcome run(List<Map<String, Object>> urls) {
        return run(urls, TemplateContext.empty());
    }

    private Outcome run(List<Map<String, Object>> urls, TemplateContext context) {
        return executor.execute(
                DiagnosticRequests.request(DiagnosticType.HTTP_CHECK, Map.of("urls", urls), context, TIMEOUT));
    }

    private static Outcome.Observed observed(Outcome outcome) {
        return assertInstanceOf(Outcome.Observed.class, outcome, () -> "expected an observation, got " + outcome);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Outcome.Observed o, int i) {
        return ((List<Map<String, Object>>) o.facts().get("results")).get(i);
    }

    @Test
    void a200IsHealthyByDefaultAndPlainHttpHasNoCertificate() throws InterruptedException {
        server.enqueue(new MockResponse().setBody("ok"));
        Outcome.Observed o = observed(run(List.of(url("api", "/health"))));
        assertEquals(true, o.facts().get("all_healthy"));
        assertEquals(false, o.facts().get("any_unreachable"));
        assertEquals(1L, o.facts().get("healthy_count"));
        assertEquals("api", o.facts().get("slowest_name"));
        assertEquals(Long.MAX_VALUE, o.facts().get("min_cert_days_left"));
        assertEquals(0L, o.facts().get("certs_checked"));
        assertEquals(200L, result(o, 0).get("status"));
        assertEquals("", result(o, 0).get("error"));
        assertEquals(false, result(o, 0).get("has_cert"));
        assertTrue(o.evidence().startsWith("the URL is healthy; slowest api "), o.evidence());
        assertEquals("GET", server.takeRequest(5, TimeUnit.SECONDS).getMethod());
        assertEquals(executor.facts().keySet(), o.facts().keySet());
    }

    @Test
    void statusExpectationsDecideHealth() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse()
                        .setResponseCode(
                                Integer.parseInt(request.getRequestUrl().queryParameter("s")));
            }
        });
        Outcome.Observed o = observed(run(List.of(
                url("default-503", "/x?s=503"),
                url("listed-503", "/x?s=503", "expect_status", List.of(503, "2xx")),
                url("range-404", "/x?s=404", "expect_status", "400-404"),
                url("class-204", "/x?s=204", "expect_status", "2xx"),
                url("single-201", "/x?s=201", "expect_status", 200))));
        assertEquals(false, result(o, 0).get("healthy"));
        assertEquals("expected 2xx", result(o, 0).get("error"));
        assertEquals(true, result(o, 1).get("healthy"));
        assertEquals(true, result(o, 2).get("healthy"));
        assertEquals(true, result(o, 3).get("healthy"));
        assertEquals(false, result(o, 4).get("healthy"));
        assertEquals("expected 200", result(o, 4).get("error"));
        assertEquals(2L, o.facts().get("unhealthy_count"));
        assertEquals(false, o.facts().get("any_unreachable"), "a wrong status is an answer, not unreachable");
        assertTrue(
                o.evidence()
                        .startsWith("2 of 5 unhealthy: default-503 (HTTP 503, expected 2xx), single-201 (HTTP 201,"
                                + " expected 200)"),
                o.evidence());
        assertTrue(o.details().get(0).startsWith("default-503: GET http://"), "unhealthy URLs come first");
        assertFalse(
                o.details().get(0).contains("s=503"),
                "query strings are not shown: " + o.details().get(0));
    }

    @Test
    void theBodyPatternIsSearchedInTheBody() {
        server.enqueue(new MockResponse().setBody("{\"status\": \"ok\"}"));
        server.enqueue(new MockResponse().setBody("{\"status\": \"degraded\"}"));
        Outcome.Observed o = observed(run(List.of(
                url("ok", "/a", "body_pattern", "\"status\":\\s*\"ok\""),
                url("degraded", "/b", "body_pattern", "\"status\":\\s*\"ok\""))));
        Map<String, Object> first = result(o, 0);
        Map<String, Object> second = result(o, 1);
        // Requests run in parallel, so either URL may have received either response.
        assertTrue((Boolean) first.get("healthy") ^ (Boolean) second.get("healthy"));
        Map<String, Object> bad = (Boolean) first.get("healthy") ? second : first;
        assertEquals("body does not match /\"status\":\\s*\"ok\"/", bad.get("error"));
    }

    @Test
    void aServerThatNeverAnswersTimesOutWhileTheOthersAreReported() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getPath().startsWith("/hang")
                        ? new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)
                        : new MockResponse().setBody("fine");
            }
        });
        Outcome.Observed o = observed(run(List.of(url("hangs", "/hang", "timeout", "300ms"), url("fine", "/ok"))));
        assertEquals(false, result(o, 0).get("healthy"));
        assertEquals(true, result(o, 0).get("unreachable"));
        assertEquals(0L, result(o, 0).get("status"));
        assertEquals("did not answer within 300ms", result(o, 0).get("error"));
        assertEquals(true, result(o, 1).get("healthy"));
        assertEquals(true, o.facts().get("any_unreachable"));
        assertEquals("hangs", o.facts().get("slowest_name"));
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Outcome.Observed o = observed(run(List.of(Map.of("name", "gone", "url", "http://127.0.0.1:" + port + "/"))));
        assertEquals(true, o.facts().get("any_unreachable"));
        assertEquals(false, o.facts().get("all_healthy"));
        assertTrue(((String) result(o, 0).get("error")).startsWith("could not be connected to ("), o.toString());
        assertTrue(o.evidence().startsWith("1 of 1 unhealthy: gone (could not be connected to ("), o.evidence());
    }

    /**
     * A bot without network: every name fails to resolve (the resolver here stands in for a machine with no DNS; a
     * unit test must not ask the real one), so nothing is known about the services.
     */
    private HttpCheckExecutor withoutDns() {
        OkHttpClient offline = new OkHttpClient.Builder()
                .dns(host -> {
                    if (host.equals("127.0.0.1") || host.equals("localhost")) {
                        return Dns.SYSTEM.lookup(host);
                    }
                    throw new UnknownHostException(host + ": Temporary failure in name resolution");
                })
                .build();
        return new HttpCheckExecutor(() -> offline, HttpCheckSettings.defaults(), secrets, Clock.systemUTC());
    }

    @Test
    void whenNoHostAnswersTheStepIsAnErrorNeverAVerdictAboutTheService() {
        Outcome outcome = withoutDns()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.HTTP_CHECK,
                        Map.of(
                                "urls",
                                List.of(
                                        Map.of("name", "stripe", "url", "https://api.stripe.example/healthcheck"),
                                        Map.of("name", "fraud", "url", "http://fraud.production.example:8080/h"))),
                        TemplateContext.empty(),
                        TIMEOUT));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
        assertEquals(FailureKind.UNREACHABLE, failed.kind());
        assertEquals(
                "the bot could not reach any of its 2 URLs: stripe (https://api.stripe.example/healthcheck: could not be"
                        + " found (DNS lookup of the host name failed)), fraud (http://fraud.production.example:8080/h:"
                        + " could not be found (DNS lookup of the host name failed)); with no answer from any host this"
                        + " says nothing about the service (check the bot's network and DNS)",
                failed.reason());
    }

    @Test
    void oneAnswerShowsTheBotHasNetworkSoAnUnresolvableServiceIsUnreachable() {
        server.enqueue(new MockResponse().setBody("fine"));
        Outcome outcome = withoutDns()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.HTTP_CHECK,
                        Map.of(
                                "urls",
                                List.of(
                                        Map.of("name", "gone", "url", "http://gone.production.example/health"),
                                        Map.of(
                                                "name",
                                                "reference",
                                                "url",
                                                server.url("/ok").toString()))),
                        TemplateContext.empty(),
                        TIMEOUT));

        Outcome.Observed o = observed(outcome);
        assertEquals(true, o.facts().get("any_unreachable"));
        assertEquals(true, result(o, 0).get("unreachable"));
        assertEquals(true, result(o, 1).get("healthy"));
    }

    @Test
    void redirectsAreReportedNotFollowed() throws InterruptedException {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", server.url("/elsewhere")));
        server.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "http://169.254.169.254/"));
        Outcome.Observed o = observed(run(List.of(url("moved", "/a"), url("moved-ok", "/b", "expect_status", "3xx"))));
        long redirects = List.of(result(o, 0), result(o, 1)).stream()
                .filter(r -> (Long) r.get("status") == 301 || (Long) r.get("status") == 302)
                .count();
        assertEquals(2, redirects);
        assertEquals(false, result(o, 0).get("healthy"));
        assertEquals(true, result(o, 1).get("healthy"));
        assertEquals(2, server.getRequestCount(), "no request followed a Location header");
    }

    @Test
    void headSendsNoBodyRequest() throws InterruptedException {
        server.enqueue(new MockResponse());
        observed(run(List.of(url("head", "/h", "method", "head"))));
        assertEquals("HEAD", server.takeRequest(5, TimeUnit.SECONDS).getMethod());
    }

    @Test
    void aSecretHeaderIsSentAndNeverShown() throws InterruptedException {
        server.enqueue(new MockResponse().setResponseCode(401).setBody("bad token " + TOKEN));
        Outcome outcome = run(List.of(url(
                "api",
                "/private?token=" + TOKEN,
                "headers",
                Map.of("Authorization", Map.of("secret", "api-token", "prefix", "Bearer "), "X-Source", "bot"))));
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("Bearer " + TOKEN, recorded.getHeader("Authorization"));
        assertEquals("bot", recorded.getHeader("X-Source"));
        assertFalse(outcome.toString().contains(TOKEN), outcome.toString());
    }

    @Test
    void alertDataFillsPathAndQueryEncodedAndCannotSplitAHeader() throws InterruptedException {
        server.enqueue(new MockResponse());
        TemplateContext context =
                new TemplateContext(Map.of(), Map.of("svc", "../admin x", "region", "eu&admin=1"), Map.of());
        observed(run(
                List.of(Map.of(
                        "name",
                        "svc",
                        "url",
                        server.url("/").toString() + "health/{{ labels.svc }}?region={{ labels.region }}")),
                context));
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/health/..%2Fadmin%20x?region=eu%26admin%3D1", recorded.getPath());

        TemplateContext crlf = new TemplateContext(Map.of(), Map.of("id", "x\r\nX-Admin: yes"), Map.of());
        Outcome.Failed f = assertInstanceOf(
                Outcome.Failed.class,
                run(List.of(url("api", "/", "headers", Map.of("X-Incident", "{{ labels.id }}"))), crlf));
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertTrue(
                f.reason()
                        .startsWith("diagnostics[0].config.urls[0].headers.X-Incident: the rendered value contains a"
                                + " line break"),
                f.reason());
        assertEquals(1, server.getRequestCount(), "nothing was sent for the refused step");
    }

    @Test
    void aMissingSecretIsAConfigurationFailureAndNothingIsSent() {
        Outcome.Failed f = assertInstanceOf(
                Outcome.Failed.class,
                run(List.of(url("api", "/", "headers", Map.of("Authorization", Map.of("secret", "nope"))))));
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertEquals(
                "diagnostics[0].config.urls[0].headers.Authorization: secret 'nope' is not in the secret store",
                f.reason());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aSecretAHeaderCannotCarryIsRefusedWithoutQuotingIt() {
        Outcome outcome = run(List.of(url("api", "/", "headers", Map.of("X-Api-Key", Map.of("secret", "odd-key")))));
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertEquals(
                "diagnostics[0].config.urls[0].headers.X-Api-Key: the value contains a character an HTTP header cannot"
                        + " carry (only printable ASCII and tab)",
                f.reason());
        assertFalse(outcome.toString().contains(TOKEN));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anInterruptCancelsTheStep() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        AtomicReference<Outcome> result = new AtomicReference<>();
        DiagnosticRequest request = DiagnosticRequests.request(
                DiagnosticType.HTTP_CHECK, Map.of("urls", List.of(url("slow", "/"))), Duration.ofMinutes(5));
        Thread worker = new Thread(() -> result.set(executor.execute(request)));
        worker.start();
        assertNotNull(server.takeRequest(10, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(worker.isAlive());
        assertEquals(
                FailureKind.CANCELLED,
                assertInstanceOf(Outcome.Failed.class, result.get()).kind());
    }

    private static Map<String, Object> orderedHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>(); // as YAML gives them: in file order
        headers.put("Bad Header", "x");
        headers.put("X-Ok", Map.of("prefix", "y"));
        return headers;
    }

    @Test
    void validationReportsEveryProblemWithItsPath() {
        List<ConfigProblem> problems = executor.validate(DiagnosticRequests.config(Map.of(
                "urls",
                List.of(
                        Map.of("name", "a", "url", "https://{{ labels.host }}/health"),
                        Map.of("name", "a", "url", "http://ok/", "method", "POST", "expect_status", "20x"),
                        Map.of(
                                "url", "http://user:pw@ok/",
                                "method", "HEAD",
                                "body_pattern", "ok",
                                "headers", orderedHeaders()),
                        Map.of("url", "ftp://ok/", "timeout", "forever", "body_pattern", "{{ labels.x }}")))));
        List<String> paths = problems.stream().map(ConfigProblem::path).toList();
        assertEquals(
                List.of(
                        "diagnostics[0].config.urls[0].url",
                        "diagnostics[0].config.urls[1].name",
                        "diagnostics[0].config.urls[1].method",
                        "diagnostics[0].config.urls[1].expect_status",
                        "diagnostics[0].config.urls[2].url",
                        "diagnostics[0].config.urls[2].headers.Bad Header",
                        "diagnostics[0].config.urls[2].headers.X-Ok",
                        "diagnostics[0].config.urls[2].body_pattern",
                        "diagnostics[0].config.urls[3].url",
                        "diagnostics[0].config.urls[3].body_pattern",
                        "diagnostics[0].config.urls[3].timeout"),
                paths,
                problems.toString());
        assertTrue(problems.get(0).message().contains("alert data must never choose where a request goes"));
        assertEquals(
                List.of(new ConfigProblem("diagnostics[0].config.urls", "is required: list the URLs to check")),
                executor.validate(DiagnosticRequests.config(Map.of())));
    }
}

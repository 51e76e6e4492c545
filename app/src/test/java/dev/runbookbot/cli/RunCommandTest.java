package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.runtime.CommandLineWiring;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runbookctl run} in-process, wired as {@code Main} wires it, against a Prometheus played by a MockWebServer on
 * 127.0.0.1: the report, its JSON shape, the progress lines, {@code --step}, {@code --alert} and the exit codes.
 */
class RunCommandTest {
    private static final Path RUNBOOK = Path.of("src", "test", "resources", "run", "checkout-latency.yaml");

    @TempDir
    Path dir;

    private MockWebServer prometheus;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private Path runbooks;
    private Path config;

    /** The outcome of one run. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @BeforeEach
    void start() throws IOException {
        String empty = Files.readString(
                RecordedFixtures.root().resolve("prometheus-api").resolve("captured.query.empty-vector.json"));
        prometheus = new MockWebServer();
        prometheus.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String query = request.getRequestUrl().queryParameter("query");
                queries.add(query);
                MockResponse response = new MockResponse().setHeader("Content-Type", "application/json");
                if (query != null && query.startsWith("checkout_p99_seconds")) {
                    return response.setBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                            + "[{\"metric\":{\"__name__\":\"checkout_p99_seconds\",\"namespace\":\"shop\"},"
                            + "\"value\":[1700000000,\"3.5\"]}]}}");
                }
                return response.setBody(empty);
            }
        });
        prometheus.start(InetAddress.getLoopbackAddress(), 0);
        runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.copy(RUNBOOK, runbooks.resolve("checkout-latency.yaml"));
        config = dir.resolve("runbook-bot.yaml");
        Files.writeString(
                config,
                "prometheus:\n  url: http://127.0.0.1:" + prometheus.getPort() + "\nrunbooks: " + runbooks + "\n",
                StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws IOException {
        prometheus.shutdown();
    }

    private static Run run(String... args) {
        return runWith(Map.of(), args);
    }

    private static Run runWith(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(env));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void printsEachStepTheDecisionAndWhatWouldRunWithoutRunningIt() {
        Run run = run("run", "checkout-latency", "--config", config.toString(), "--param", "namespace=prod");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.lines();
        assertEquals(
                "Runbook checkout-latency: Checkout Latency (severity P2, version "
                        + lines.get(0).replaceAll(".*version ([0-9a-f]+),.*", "$1") + ", "
                        + runbooks.resolve("checkout-latency.yaml") + ")",
                lines.get(0));
        assertEquals("Parameters: namespace=prod", lines.get(1));
        String text = run.out();
        assertTrue(text.contains("  CRITICAL p99 (P99 Latency, prometheus_query) in "), text);
        assertTrue(text.contains("    reason:   `value > 2.0` held with value=3.5\n"), text);
        assertTrue(text.contains("    evidence: checkout_p99_seconds{namespace=\"shop\"} = 3.5\n"), text);
        assertTrue(text.contains("  UNKNOWN  errors (Error Ratio, prometheus_query) in "), text);
        assertTrue(
                text.contains("    reason:   no condition held: warning `value > 0.01`, healthy `value <= 0.01`"
                        + " with value=NaN\n"),
                text);
        assertTrue(
                text.contains("Decisions matched: 1\n"
                        + "  1. Checkout is slow — add replicas\n"
                        + "    when diagnostics.p99.status == 'critical'\n"
                        + "    proposes scale_checkout\n"),
                text);
        assertTrue(
                text.contains("Proposed remediations, in order (proposals only: nothing was run):\n"
                        + "  1. scale_checkout: Scale Checkout [automated, needs approval (1 approver)]\n"
                        + "    chosen by: Checkout is slow — add replicas\n"
                        + "    would run: scale_up\n"
                        + "      deployment: checkout\n"
                        + "      namespace: prod\n"
                        + "      replicas: 6\n"),
                text);
        assertEquals("Overall severity: critical", lines.get(lines.size() - 1));

        List<String> progress = run.errLines();
        assertEquals(
                "runbookctl run: checkout-latency: running 2 diagnostics (read-only; nothing remediating runs)",
                progress.get(0));
        assertEquals(3, progress.size(), run.err());
        assertTrue(progress.get(1).startsWith("[1/2] "), run.err());
        assertTrue(progress.get(2).startsWith("[2/2] "), run.err());
        assertEquals(
                List.of("checkout_error_ratio{namespace=\"prod\"}", "checkout_p99_seconds{namespace=\"prod\"}"),
                queries.stream().sorted().toList());
    }

    @Test
    void jsonHasTheDocumentedShapeAndWritesNanAsText() throws IOException {
        Run run = run("run", "checkout-latency", "--config", config.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(
                List.of(
                        "runbook",
                        "inputs",
                        "startedAt",
                        "durationMs",
                        "overallSeverity",
                        "steps",
                        "decisions",
                        "remediations",
                        "timeline"),
                names(json));
        assertEquals("checkout-latency", json.at("/runbook/id").asText());
        assertEquals("shop", json.at("/inputs/params/namespace").asText());
        assertEquals("critical", json.get("overallSeverity").asText());
        JsonNode p99 = json.at("/steps/0");
        assertEquals(
                List.of(
                        "id",
                        "name",
                        "type",
                        "status",
                        "reason",
                        "failure",
                        "evidence",
                        "details",
                        "facts",
                        "startedAt",
                        "durationMs"),
                names(p99));
        assertEquals("critical", p99.get("status").asText());
        assertTrue(p99.get("failure").isNull());
        assertEquals(3.5, p99.at("/facts/value").asDouble());
        JsonNode errors = json.at("/steps/1");
        assertEquals("unknown", errors.get("status").asText());
        assertEquals("NaN", errors.at("/facts/value").asText());
        assertTrue(errors.at("/facts/empty").asBoolean());
        assertEquals(0, json.at("/decisions/matched/0/index").asInt());
        assertEquals(
                1,
                json.at("/decisions/matched/0/number").asInt(),
                "numbered from 1, as the text report and runbook tests number decisions");
        assertEquals(
                "scale_checkout", json.at("/decisions/matched/0/remediations/0").asText());
        JsonNode remediation = json.at("/remediations/0");
        assertEquals("scale_checkout", remediation.get("id").asText());
        assertEquals("needs_approval", remediation.get("mode").asText());
        assertEquals(1, remediation.get("approvalsRequired").asInt());
        assertEquals(
                "Checkout is slow — add replicas", remediation.get("chosenBy").asText());
        assertEquals("scale_up", remediation.at("/action/type").asText());
        assertEquals("shop", remediation.at("/action/config/namespace").asText());
        assertEquals(6, remediation.at("/action/config/replicas").asInt());
        assertTrue(json.get("timeline").size() >= 4, json.get("timeline").toString());
    }

    @Test
    void stepRunsOneDiagnosticAndDecisionsThatNeedOthersDoNotMatch() throws IOException {
        Run run = run("run", "checkout-latency", "--config", config.toString(), "--step", "errors", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.get("steps").size());
        assertEquals("errors", json.at("/steps/0/id").asText());
        assertEquals(0, json.at("/decisions/matched").size());
        assertEquals(0, json.get("remediations").size());
        assertEquals(List.of("checkout_error_ratio{namespace=\"shop\"}"), queries);
    }

    @Test
    void alertLabelsFillParametersAndExplicitParametersWin() throws IOException {
        Path alert = dir.resolve("alert.json");
        Files.writeString(
                alert, "{\"labels\": {\"namespace\": \"staging\"}, \"annotations\": {\"summary\": \"slow\"}}");
        Run fromLabel = run("run", "checkout-latency", "--config", config.toString(), "--alert", alert.toString());
        assertEquals(0, fromLabel.exitCode(), fromLabel.err());
        assertTrue(fromLabel.out().contains("Parameters: namespace=staging\nAlert labels: namespace=staging\n"));
        queries.clear();
        Run explicit = run(
                "run",
                "checkout-latency",
                "--config",
                config.toString(),
                "--alert",
                alert.toString(),
                "-p",
                "namespace=prod",
                "--step",
                "p99");
        assertEquals(0, explicit.exitCode(), explicit.err());
        assertEquals(List.of("checkout_p99_seconds{namespace=\"prod\"}"), queries);
    }

    @Test
    void anAlertmanagerWebhookGivesTheFirstFiringAlert() throws IOException {
        Path webhook = RecordedFixtures.root().resolve("alertmanager").resolve("debian-0.25-captured-firing.json");
        Run run =
                run("run", "checkout-latency", "--config", config.toString(), "--alert", webhook.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(
                "PaymentsDbConnectionsHigh", json.at("/inputs/labels/alertname").asText());
        assertEquals(
                "payments DB connections at 75% of max_connections",
                json.at("/inputs/annotations/summary").asText());
    }

    @Test
    void aRunWhoseStepsAllFailStillCompletesWithExitZero() throws IOException {
        Path down = dir.resolve("down.yaml");
        Files.writeString(down, "prometheus:\n  url: http://127.0.0.1:1\nrunbooks: " + runbooks + "\n");
        Run run = run("run", "checkout-latency", "--config", down.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("unknown", json.get("overallSeverity").asText());
        for (JsonNode step : json.get("steps")) {
            assertEquals("error", step.get("status").asText());
            assertEquals("unreachable", step.get("failure").asText());
        }
    }

    @Test
    void usageErrorsExitTwoAndSayWhatToFix() throws IOException {
        Run unknown = run("run", "checkout-latncy", "--config", config.toString());
        assertEquals(2, unknown.exitCode());
        assertEquals(
                "runbookctl run: unknown runbook 'checkout-latncy' in " + runbooks
                        + "; did you mean checkout-latency? (runbooks there: checkout-latency)\n",
                unknown.err());
        assertEquals("", unknown.out());

        Run badParam = run("run", "checkout-latency", "--config", config.toString(), "-p", "namespac=prod");
        assertEquals(2, badParam.exitCode());
        assertEquals(
                "runbookctl run: cannot run checkout-latency: runbook 'checkout-latency' has no parameter"
                        + " 'namespac'; did you mean 'namespace'?\n",
                badParam.err());

        Run badStep = run("run", "checkout-latency", "--config", config.toString(), "--step", "p98");
        assertEquals(2, badStep.exitCode());
        assertEquals(
                "runbookctl run: runbook checkout-latency has no diagnostic 'p98'; did you mean p99? (its"
                        + " diagnostics: p99, errors)\n",
                badStep.err());

        Run badAlert = run("run", "checkout-latency", "--config", config.toString(), "--alert", "nope.json");
        assertEquals(2, badAlert.exitCode());
        assertEquals("runbookctl run: --alert nope.json: no such file\n", badAlert.err());

        Path resolved = dir.resolve("resolved.json");
        Files.copy(
                RecordedFixtures.root().resolve("alertmanager").resolve("debian-0.25-captured-resolved.json"),
                resolved);
        Run noFiring = run("run", "checkout-latency", "--config", config.toString(), "--alert", resolved.toString());
        assertEquals(2, noFiring.exitCode());
        assertEquals("runbookctl run: --alert " + resolved + ": no firing alert among its 1 alert\n", noFiring.err());

        Run noDir = run("run", "checkout-latency", "--config", config.toString(), "--runbooks", "no/such/dir");
        assertEquals(2, noDir.exitCode());

        Run malformed = run("run", "checkout-latency", "--param", "namespace");
        assertEquals(2, malformed.exitCode());
        assertEquals(List.of(), queries);
    }

    @Test
    void aRunbookWithLintErrorsIsRefusedWithItsErrors() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(
                broken.resolve("checkout-latency.yaml"),
                Files.readString(RUNBOOK).replace("      critical: \"value > 2.0\"", "      critical: \"valu > 2.0\""));
        Run run = run("run", "checkout-latency", "--config", config.toString(), "--runbooks", broken.toString());
        assertEquals(1, run.exitCode());
        List<String> err = run.errLines();
        assertEquals("runbookctl run: runbook 'checkout-latency' has lint errors and cannot run:", err.get(0));
        assertTrue(err.get(1).startsWith("  " + broken.resolve("checkout-latency.yaml") + ":"), run.err());
        assertTrue(
                err.get(1)
                        .contains(":22:18: error: invalid condition: unknown variable 'valu' (did you mean 'value'?)"),
                run.err());
        assertEquals("fix them and check with: runbookctl lint " + broken, err.get(err.size() - 1));
        assertEquals(List.of(), queries);
    }

    @Test
    void simulateWithoutAFixtureAsksTheLiveSystemsReadOnly() {
        Run run = run("simulate", "--runbook", "checkout-latency", "--config", config.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Diagnostics ran against live systems (read-only).\n"), run.out());
        assertTrue(run.out().contains("--- The bot would post in #checkout ---\n"), run.out());
        assertTrue(run.out().contains("  CRITICAL p99 (P99 Latency, prometheus_query) in "), run.out());
        assertEquals(
                List.of("checkout_error_ratio{namespace=\"shop\"}", "checkout_p99_seconds{namespace=\"shop\"}"),
                queries.stream().sorted().toList());
    }

    @Test
    void aSecretAnActionUsesIsNamedNeverShownEvenWhenTheProcessHasIt() throws IOException {
        Files.writeString(
                runbooks.resolve("checkout-latency.yaml"),
                Files.readString(RUNBOOK)
                        .replace(
                                "      type: scale_up\n"
                                        + "      config: {deployment: checkout, namespace: \"{{ params.namespace }}\","
                                        + " replicas: 6}\n",
                                "      type: http_request\n"
                                        + "      config:\n"
                                        + "        method: POST\n"
                                        + "        url: \"https://deploy.example.com/v1/{{ params.namespace }}/scale\"\n"
                                        + "        headers:\n"
                                        + "          Authorization: {secret: deploy-token, prefix: \"Bearer \"}\n"));
        Map<String, String> env = Map.of("RUNBOOK_SECRET_DEPLOY_TOKEN", "s3cr3t-value-never-shown");
        Run text = runWith(env, "simulate", "--runbook", "checkout-latency", "--config", config.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(
                text.out()
                        .contains("    would run: http_request\n"
                                + "      method: POST\n"
                                + "      url: https://deploy.example.com/v1/shop/scale\n"
                                + "      headers.Authorization: Bearer <secret:deploy-token>\n"),
                text.out());
        Run json = runWith(env, "run", "checkout-latency", "--config", config.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"Authorization\" : \"Bearer <secret:deploy-token>\""), json.out());
        for (Run r : List.of(text, json)) {
            assertTrue(!r.out().contains("s3cr3t") && !r.err().contains("s3cr3t"), r.out() + r.err());
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}

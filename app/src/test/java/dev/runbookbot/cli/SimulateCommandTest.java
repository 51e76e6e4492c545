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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runbookctl simulate} in-process with the shipped runbooks and fixtures: the runbook chosen by service and
 * symptom, what the thread would show and propose, recorded results in place of live systems, and the usage errors.
 */
class SimulateCommandTest {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));
    private static final Path FIXTURES = RUNBOOKS.resolve("fixtures");
    private static final String DB_EXHAUSTED =
            FIXTURES.resolve("payments-db-exhausted.yaml").toString();
    private static final String HEALTHY =
            FIXTURES.resolve("payments-healthy.yaml").toString();

    @TempDir
    Path dir;

    /** The outcome of one run. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run simulate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> argv = new ArrayList<>(List.of("simulate", "--runbooks", RUNBOOKS.toString()));
        argv.addAll(List.of(args));
        int exitCode = commandLine.execute(argv.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void theExhaustedPoolFixtureReachesItsDecisionAndShowsWhatWouldRun() {
        Run run = simulate("--service", "payments", "--symptom", "elevated 5xx", "--fixture", DB_EXHAUSTED);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.lines();
        assertEquals(
                List.of(
                        "SIMULATION: nothing was posted and nothing remediating ran.",
                        "Runbook payments-slow chosen by service 'payments' and symptom 'elevated 5xx'.",
                        "Alert: synthetic; labels alertname=PaymentServiceHighLatency, service=payments",
                        "Diagnostics read recorded results from " + DB_EXHAUSTED + "; no live system was asked.",
                        "",
                        "--- The bot would post in #incidents-payment ---",
                        "[P1] Payment Service High Latency | payment-service | PaymentServiceHighLatency | runbook"
                                + " payments-slow | diagnosis: critical, 2 remediations proposed",
                        "  elevated 5xx",
                        "",
                        "--- and in its thread ---"),
                lines.subList(0, 10));
        String text = run.out();
        assertTrue(text.contains("Parameters: datname=payments, namespace=production\n"), text);
        assertTrue(
                text.contains("  CRITICAL check_db_connections (Database Connection Pool, prometheus_query) in "),
                text);
        assertTrue(text.contains("    reason:   `value >= 90.0` held with value=95\n"), text);
        assertTrue(
                text.contains("Decisions matched: 1\n"
                        + "  1. DB connection pool exhausted — kill idle connections and increase pool size\n"
                        + "    when diagnostics.check_db_connections.status == 'critical'\n"
                        + "    proposes kill_idle_connections, scale_db_connections\n"),
                text);
        assertTrue(
                text.contains("  1. kill_idle_connections: Kill Idle DB Connections [automated, needs approval (1"
                        + " approver)]\n"
                        + "    chosen by: DB connection pool exhausted — kill idle connections and increase pool"
                        + " size\n"
                        + "    would run: run_script\n"
                        + "      datasource: payments\n"
                        + "      script: SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle'"
                        + " AND state_change < NOW() - INTERVAL '5 minutes' AND datname = ?\n"
                        + "        bound to the ?s in order: \"payments\"\n"
                        + "  2. scale_db_connections: Increase DB Connection Pool [manual: a person follows the"
                        + " instructions and marks it done]\n"),
                text);
        assertEquals("Overall severity: critical", lines.get(lines.size() - 1));
        List<String> err = run.err().lines().toList();
        assertEquals("runbookctl simulate: payments-slow: running 5 diagnostics from " + DB_EXHAUSTED, err.get(0));
        assertEquals(6, err.size(), run.err());
        for (int i = 1; i <= 5; i++) {
            assertTrue(err.get(i).startsWith("[" + i + "/5] "), run.err());
        }
    }

    @Test
    void jsonOfTheExhaustedPoolFixture() throws IOException {
        Run run = simulate("--service", "payments", "--symptom", "latency", "--fixture", DB_EXHAUSTED, "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals("critical", json.get("overallSeverity").asText());
        assertEquals(
                "DB connection pool exhausted — kill idle connections and increase pool size",
                json.at("/decisions/matched/0/label").asText());
        assertEquals(1, json.at("/decisions/matched").size());
        JsonNode kill = json.at("/remediations/0");
        assertEquals("kill_idle_connections", kill.get("id").asText());
        assertEquals("needs_approval", kill.get("mode").asText());
        assertEquals("payments", kill.at("/action/binds/script/0").asText());
        JsonNode scale = json.at("/remediations/1");
        assertEquals("scale_db_connections", scale.get("id").asText());
        assertEquals("manual", scale.get("mode").asText());
        assertEquals(0, scale.get("approvalsRequired").asInt());
        assertTrue(scale.get("action").isNull());
        assertEquals(2, json.get("remediations").size());
        assertEquals(
                "service 'payments' and symptom 'latency'",
                json.at("/simulation/runbookChosenBy").asText());
        assertEquals(DB_EXHAUSTED, json.at("/simulation/fixture").asText());
        assertEquals("synthetic", json.at("/simulation/alert").asText());
        assertEquals("#incidents-payment", json.at("/simulation/channel").asText());
        assertEquals("NaN", json.at("/steps/0/facts/value").asText());
        assertEquals(95.0, json.at("/steps/1/facts/value").asDouble());
    }

    @Test
    void theHealthyFixtureProposesNothing() throws IOException {
        Run run = simulate("--service", "payments", "--symptom", "latency", "--fixture", HEALTHY, "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals("healthy", json.get("overallSeverity").asText());
        assertEquals(0, json.at("/decisions/matched").size());
        assertEquals(0, json.get("remediations").size());
        for (JsonNode step : json.get("steps")) {
            assertEquals("healthy", step.get("status").asText(), step.toString());
        }
        Run text = simulate("--runbook", "payments-slow", "--fixture", HEALTHY);
        assertTrue(text.out().contains("\nDecisions matched: none\n\nProposed remediations: none\n"), text.out());
        assertTrue(text.out().contains("diagnosis: healthy, 0 remediations proposed\n"), text.out());
    }

    @Test
    void aStepMissingFromTheFixtureReadsErrorAndAStrangerIsPointedOut() throws IOException {
        Path partial = dir.resolve("partial.yaml");
        Files.writeString(
                partial,
                "check_db_connections: {facts: {value: 97}}\ncheck_db_conections: {error: TIMEOUT, reason: slow}\n");
        Run run = simulate("--runbook", "payment-service-slow", "--fixture", partial.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.err()
                        .contains("runbookctl simulate: note: " + partial + " records step 'check_db_conections',"
                                + " which runbook payments-slow does not have (did you mean check_db_connections?)\n"),
                run.err());
        JsonNode json = run.json();
        assertEquals("critical", json.at("/steps/1/status").asText());
        assertEquals(97.0, json.at("/steps/1/facts/value").asDouble());
        JsonNode pods = json.at("/steps/0");
        assertEquals("error", pods.get("status").asText());
        assertEquals("configuration", pods.get("failure").asText());
        assertEquals(
                "no recorded result for step 'check_pod_health' in partial.yaml",
                pods.get("reason").asText());
        assertEquals("kill_idle_connections", json.at("/remediations/0/id").asText());
    }

    @Test
    void aPlanThatHandsOffGoesOnWithTheNextRunbookAsTheBotWould() throws IOException {
        // pod-crashlooping's steps (the last run was OOM killed), then oom-kills' steps from its shipped fixture
        Path both = dir.resolve("crashloop-oom.yaml");
        Files.writeString(both, """
                restarts: {facts: {empty: false, count: 1, value: 5.0}}
                last_termination:
                  facts:
                    empty: false
                    count: 1
                    samples: [{labels: {container: app, reason: OOMKilled}, value: 1.0, values: [1.0]}]
                previous_logs: {facts: {exit_code: 0, lines: ["starting"], matched: []}}
                """ + Files.readString(FIXTURES.resolve("oom-kills-repeated.yaml")));

        Run run = simulate(
                "--runbook",
                "pod-crashlooping",
                "-p",
                "namespace=shop",
                "-p",
                "pod=checkout-7d9f",
                "--fixture",
                both.toString());

        assertEquals(0, run.exitCode(), run.err());
        String text = run.out();
        assertTrue(text.contains("would hand off to: oom-kills with namespace=shop, pod=checkout-7d9f\n"), text);
        assertTrue(text.contains("\n--- Handed off to runbook oom-kills, in the same thread ---\n"), text);
        String after = text.substring(text.indexOf("--- Handed off"));
        assertTrue(after.contains("raise_memory_limit"), after);
        assertTrue(after.contains("Parameters: namespace=shop, pod=checkout-7d9f"), after);
    }

    @Test
    void anAlertFilePicksTheRunbookAndFillsParametersFromItsLabels() throws IOException {
        Path webhook = RecordedFixtures.root().resolve("alertmanager").resolve("debian-0.25-captured-firing.json");
        Run run = simulate("--alert", webhook.toString(), "--fixture", DB_EXHAUSTED, "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals("payments-slow", json.at("/runbook/id").asText());
        assertEquals(
                "alert PaymentsDbConnectionsHigh",
                json.at("/simulation/runbookChosenBy").asText());
        assertEquals("payments", json.at("/inputs/params/datname").asText());
        assertTrue(json.at("/simulation/alert").asText().endsWith("(Alertmanager webhook, alert 1 of 1)"));
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Run nothing = simulate("--fixture", HEALTHY);
        assertEquals(2, nothing.exitCode());
        assertEquals(
                "runbookctl simulate: say which runbook: --service and --symptom, --runbook ID, or --alert FILE\n",
                nothing.err());

        Run noMatch = simulate("--service", "payments", "--symptom", "printer on fire", "--fixture", HEALTHY);
        assertEquals(2, noMatch.exitCode());
        assertTrue(
                noMatch.err()
                        .startsWith("runbookctl simulate: no runbook in " + RUNBOOKS + " matches service"
                                + " 'payments' and symptom 'printer on fire'"),
                noMatch.err());

        Run unknown = simulate("--runbook", "payments-slo", "--fixture", HEALTHY);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean payments-slow?"), unknown.err());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "check_db_connections: {facts: {value: 1}, error: TIMEOUT}\ncheck_x: {error: SLOW}\n");
        Run badFixture = simulate("--runbook", "payments-slow", "--fixture", bad.toString());
        assertEquals(2, badFixture.exitCode());
        assertEquals(
                "runbookctl simulate: --fixture " + bad + ": check_db_connections: has both 'facts' and 'error'; a"
                        + " step either observed something or failed; check_x.error: 'SLOW' is not a failure kind; use"
                        + " one of TIMEOUT, UNREACHABLE, BAD_RESPONSE, QUERY_ERROR, CONFIGURATION, RESOURCE_LIMIT, CANCELLED,"
                        + " INTERNAL\n",
                badFixture.err());

        Run missing = simulate(
                "--runbook",
                "payments-slow",
                "--fixture",
                dir.resolve("none.yaml").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("runbookctl simulate: --fixture " + dir.resolve("none.yaml") + ": no such file\n", missing.err());

        Run required = simulate("--runbook", "bad-deploy", "--fixture", HEALTHY);
        assertEquals(2, required.exitCode());
        assertEquals(
                "runbookctl simulate: cannot run bad-deploy: parameter 'namespace' is required (give it, or send"
                        + " an alert with label 'namespace'); parameter 'deployment' is required (give it, or send an"
                        + " alert with label 'deployment')\n",
                required.err());
    }
}

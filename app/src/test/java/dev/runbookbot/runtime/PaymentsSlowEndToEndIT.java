package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.cli.Runbookctl;
import dev.runbookbot.config.Settings;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.decide.OverallSeverity;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.lint.LintReport;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.PostgresExporterServer;
import dev.runbookbot.testing.PostgresServer;
import dev.runbookbot.testing.PrometheusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The acceptance test of issue 7: the shipped {@code runbooks/payments-slow.yaml}, loaded and linted as the bot loads
 * it, run through the real {@link DiagnosisAssembly} (PrometheusExecutor, CEL, the parallel runner, the decision
 * engine) against a real PostgreSQL 15 with {@code max_connections=25} and a {@code payments} database, a real
 * postgres_exporter reading it, and a real Prometheus scraping the exporter every second, all on 127.0.0.1.
 *
 * <p>While the test holds 23 idle connections to {@code payments} (92% of max_connections; the exporter holds the
 * other two), the runbook's
 * {@code check_db_connections} query (its own text, templated with the default {@code datname=payments}) reads
 * critical and the decision "DB connection pool exhausted" proposes {@code kill_idle_connections} then
 * {@code scale_db_connections}, through the Diagnoser and through {@code runbookctl run} in-process. Once the test
 * releases them and Prometheus has scraped the drop, the same step reads healthy, the verdict over what was checked
 * is healthy and nothing is proposed (the plan's overall severity stays {@code unknown}, because the runbook's other
 * four steps were not read: the bot never calls a run healthy when something was not checked). Nothing is remediated: the test holds only a Diagnoser.
 *
 * <p>Why only {@code check_db_connections} runs (the {@code --step} subset, {@code Diagnoser.diagnose(runbook, steps,
 * ...)}): the runbook's other steps would either leave the machine or read nothing here. {@code check_downstream}
 * requests {@code https://api.stripe.com}, and {@code check_recent_deploy} runs {@code kubectl}, which would talk to
 * whatever cluster a kubeconfig on the machine names; a test must never send traffic off loopback, and rewriting the
 * runbook's URLs would no longer test the shipped file. {@code check_pod_health} and {@code check_error_rate} need
 * kube-state-metrics and the payment service's own metrics, which this environment does not have; their paths are
 * tested offline by the fixtures ({@code ShippedFixturesTest}). Decisions that read steps which did not run see them as
 * {@code unknown} and do not match, which the test checks too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsSlowEndToEndIT {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));
    private static final int MAX_CONNECTIONS = 25;
    /** postgres_exporter 0.11 keeps two connections of its own (to {@code postgres}); the test takes the rest. */
    private static final int HELD = MAX_CONNECTIONS - 2;

    private static final Duration SCRAPE_LIMIT = Duration.ofSeconds(30);
    private static final String DB_DECISION =
            "DB connection pool exhausted — kill idle connections and increase pool size";
    private static final String CONNECTIONS = "sum(pg_stat_activity_count{datname=\"payments\"})";

    @TempDir
    static Path dir;

    private PostgresServer postgres;
    private PostgresExporterServer exporter;
    private PrometheusServer prometheus;
    private Path config;
    private DiagnosisAssembly assembly;
    private OkHttpClient http;
    private RunbookSpec runbook;
    private final List<Connection> held = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        postgres = PostgresServer.start(MAX_CONNECTIONS);
        postgres.execute("postgres", "CREATE DATABASE payments");
        exporter = PostgresExporterServer.start(postgres);
        prometheus = PrometheusServer.start(List.of(exporter.target()));
        prometheus.awaitNonEmpty("pg_settings_max_connections == " + MAX_CONNECTIONS, SCRAPE_LIMIT);

        config = dir.resolve("runbook-bot.yaml");
        Files.writeString(
                config,
                "prometheus:\n  url: " + prometheus.baseUrl() + "\nrunbooks: " + RUNBOOKS.toAbsolutePath() + "\n",
                StandardCharsets.UTF_8);
        Settings settings = Settings.load(Optional.of(config), Map.of());
        http = new OkHttpClient();
        assembly = new DiagnosisAssembly(settings, () -> http, SecretResolver.none(), Clock.systemUTC());
        LintReport report = LintSetup.linter(settings).lint(new RunbookLoader().loadAll(List.of(RUNBOOKS)));
        assertFalse(report.hasErrors(), () -> "shipped runbooks must lint clean: " + report.errors());
        runbook = report.catalog().byId("payments-slow").orElseThrow();
    }

    @AfterAll
    void stop() {
        release();
        if (assembly != null) {
            assembly.close();
        }
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        for (AutoCloseable server : new AutoCloseable[] {prometheus, exporter, postgres}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private void release() {
        for (Connection connection : held) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the server may be gone already
            }
        }
        held.clear();
    }

    private DiagnosisReport diagnoseDbStep() throws Exception {
        DiagnosticSpec step = runbook.diagnostic("check_db_connections").orElseThrow();
        TemplateContext inputs = ParameterBinder.bind(runbook, Map.of(), Map.of(), Map.of());
        return assembly.diagnoser().diagnose(runbook, List.of(step), inputs, RunListener.NONE);
    }

    @Test
    void exhaustedPoolIsDiagnosedAndHealthyOnceReleased() throws Exception {
        for (int i = 0; i < HELD; i++) {
            held.add(postgres.connect("payments"));
        }
        prometheus.awaitNonEmpty(CONNECTIONS + " == " + HELD, SCRAPE_LIMIT);

        DiagnosisReport exhausted = diagnoseDbStep();
        DiagnosticResult db = exhausted.results().get(0);
        assertEquals(DiagnosticStatus.CRITICAL, db.status(), db.reason());
        assertEquals(100.0 * HELD / MAX_CONNECTIONS, (Double) db.facts().get("value"), 1e-9);
        assertEquals("`value >= 90.0` held with value=92", db.reason());
        assertTrue(db.evidence().contains("datname=\"payments\""), db.evidence());
        assertEquals(
                List.of(DB_DECISION),
                exhausted.plan().matched().stream().map(MatchedDecision::label).toList());
        assertEquals(
                List.of("kill_idle_connections", "scale_db_connections"),
                exhausted.plan().remediations().stream()
                        .map(r -> r.remediation().id())
                        .toList());
        assertEquals("critical", exhausted.plan().severity().label());

        JsonNode cli = runbookctlRun();
        assertEquals("critical", cli.at("/steps/0/status").asText());
        assertEquals(
                100.0 * HELD / MAX_CONNECTIONS, cli.at("/steps/0/facts/value").asDouble(), 1e-9);
        assertEquals(DB_DECISION, cli.at("/decisions/matched/0/label").asText());
        assertEquals("kill_idle_connections", cli.at("/remediations/0/id").asText());
        assertEquals("payments", cli.at("/remediations/0/action/binds/script/0").asText());
        assertEquals("scale_db_connections", cli.at("/remediations/1/id").asText());

        release();
        prometheus.awaitNonEmpty(CONNECTIONS + " == 0", SCRAPE_LIMIT);

        DiagnosisReport released = diagnoseDbStep();
        DiagnosticResult after = released.results().get(0);
        assertEquals(DiagnosticStatus.HEALTHY, after.status(), after.reason());
        assertEquals(0.0, (Double) after.facts().get("value"), 1e-9);
        assertEquals(List.of(), released.plan().matched());
        assertEquals(List.of(), released.plan().remediations());
        // The verdict over what was checked is healthy. The plan's overall severity counts the four steps that did
        // not run as unknown (DecisionScope: a run is never called healthy when something was not read).
        assertEquals(
                OverallSeverity.HEALTHY,
                OverallSeverity.of(released.results().stream()
                        .map(DiagnosticResult::status)
                        .toList()));
        assertEquals(OverallSeverity.UNKNOWN, released.plan().severity());
        assertTrue(
                released.plan().unmatched().stream().noneMatch(u -> u.evaluationFailed()),
                () -> "decisions over steps that did not run must read them as unknown, not fail: "
                        + released.plan().unmatched());
    }

    /** {@code runbookctl run payments-slow --step check_db_connections --json}, in-process, as Main wires it. */
    private JsonNode runbookctlRun() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(
                "run", "payments-slow", "--config", config.toString(), "--step", "check_db_connections", "--json");
        assertEquals(0, exit, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }
}

package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.cli.CliContext;
import dev.runbookbot.cli.Runbookctl;
import dev.runbookbot.cli.SecretInput;
import dev.runbookbot.cli.StoreReader;
import dev.runbookbot.config.Settings;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.lint.DiagnosticTypes;
import dev.runbookbot.lint.LintReport;
import dev.runbookbot.lint.Linter;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.testing.FakeDiagnosticTypes;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The runbooks in {@code runbooks/} lint clean against the bot's real executors (their facts and config checks) and
 * CEL. Diagnostic types whose executor is not in this build yet (shell_command, database_query) are checked against
 * the facts their executors document.
 */
class ShippedRunbooksTest {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));

    /** These commands never read the bot's database. */
    private static final StoreReader UNUSED_STORE = new StoreReader() {
        @Override
        public <T> T read(Path database, Function<? super IncidentQueries, ? extends T> query) {
            throw new AssertionError("this command must not read the database");
        }
    };

    /** The real executors where the build has them, the documented facts otherwise. */
    static DiagnosticTypes types() {
        DiagnosticTypes real = DiagnosticTypes.of(LintSetup.executors(Settings.load(Optional.empty(), Map.of())));
        DiagnosticTypes documented = FakeDiagnosticTypes.all();
        return new DiagnosticTypes() {
            @Override
            public Optional<Map<String, ValueType>> facts(DiagnosticType type) {
                return real.facts(type).or(() -> documented.facts(type));
            }

            @Override
            public List<ConfigProblem> validate(DiagnosticType type, StepConfig config) {
                return real.facts(type).isPresent() ? real.validate(type, config) : documented.validate(type, config);
            }
        };
    }

    private final LintReport report =
            new Linter(types(), new CelConditionLanguage()).lint(new RunbookLoader().loadAll(List.of(RUNBOOKS)));

    @Test
    void everyShippedRunbookLintsClean() {
        assertEquals(List.of(), report.problems().stream().map(Problem::format).toList());
        assertEquals(
                List.of(
                        "apiserver-error-budget-burn",
                        "bad-deploy",
                        "db-connections-exhausted",
                        "disk-filling-up",
                        "downstream-down",
                        "node-not-ready",
                        "oom-kills",
                        "payments-slow",
                        "pod-crashlooping",
                        "redis-evicting",
                        "target-down",
                        "tls-cert-expiry"),
                report.usable().stream().map(RunbookSpec::id).sorted().toList());
    }

    @Test
    void runbookctlLintOfTheRunbooksDirectoryExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(new CliContext(
                () -> new Linter(types(), new CelConditionLanguage()),
                UNUSED_STORE,
                () -> Path.of("unused.db"),
                JdbiSecretStore::withFile,
                MasterKeys::none,
                new SecretInput(InputStream.nullInputStream(), null),
                () -> "test"));
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("lint", "--strict", RUNBOOKS.toString()), out.toString());
        assertEquals("12 runbooks checked: 0 errors, 0 warnings\n", out.toString());
    }

    @Test
    void theCatalogFindsTheirAlertsAndSymptoms() {
        Catalog catalog = report.catalog();
        // the alert Debian's Alertmanager sent in
        // app/src/test/resources/fixtures/alertmanager/debian-0.25-captured-firing.json
        assertEquals(
                "payments-slow",
                catalog.forAlert(
                                "PaymentsDbConnectionsHigh",
                                Map.of("alertname", "PaymentsDbConnectionsHigh", "datname", "payments"))
                        .orElseThrow()
                        .id());
        assertEquals(
                "payments-slow",
                catalog.byId("payment-service-slow").orElseThrow().id(),
                "the seed's id is an alias");
        assertEquals(
                "payments-slow",
                catalog.forSymptom("payments", "elevated 5xx").get(0).id());
        assertEquals(
                "oom-kills",
                catalog.forAlert("KubernetesContainerOomKiller", Map.of())
                        .orElseThrow()
                        .id());
        assertEquals(
                "bad-deploy",
                catalog.forAlert("KubeDeploymentRolloutStuck", Map.of())
                        .orElseThrow()
                        .id());
        assertEquals(
                "downstream-down",
                catalog.forAlert("BlackboxProbeFailed", Map.of()).orElseThrow().id());
        assertEquals(
                "tls-cert-expiry",
                catalog.forAlert("certmanager_cert_expiry_soon", Map.of())
                        .orElseThrow()
                        .id());
        assertEquals(
                "db-connections-exhausted",
                catalog.forAlert("PostgresqlTooManyConnections", Map.of())
                        .orElseThrow()
                        .id());
        assertEquals(
                "tls-cert-expiry",
                catalog.forSymptom("", "certificate expiring").get(0).id());
        assertEquals(List.of("payments-slow"), catalog.suggestIds("payment-slow"));
    }

    @Test
    void thePaymentsRunbookDefinesEveryRemediationTheSeedNamed() {
        RunbookSpec payments = report.catalog().byId("payments-slow").orElseThrow();
        for (String id : List.of(
                "kill_idle_connections",
                "scale_db_connections",
                "rollback_deployment",
                "restart_pods",
                "escalate_infra",
                "enable_circuit_breaker",
                "notify_downstream",
                "capture_error_samples",
                "escalate_oncall")) {
            assertEquals(id, payments.remediation(id).orElseThrow().id());
        }
        assertEquals(
                List.of(
                        "check_pod_health",
                        "check_db_connections",
                        "check_error_rate",
                        "check_recent_deploy",
                        "check_downstream"),
                payments.diagnostics().stream().map(d -> d.id()).toList());
        assertEquals(5, payments.decisionTree().size());
    }
}

package dev.runbookbot.runbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.FakeConditionLanguage;
import dev.runbookbot.testing.FakeDiagnosticTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The seed's PAYMENT_SLOW_RUNBOOK, transcribed unchanged: lint finds exactly what is wrong with it. */
class SeedRunbookTest {
    private static final Path SEED = Path.of("src", "test", "resources", "seed", "payment-service-slow.yaml");
    private static final Pattern UNDEFINED =
            Pattern.compile("decision names remediation '([^']+)', which this runbook does not define");

    private final LintReport report = new Linter(FakeDiagnosticTypes.all(), new FakeConditionLanguage())
            .lint(new RunbookLoader().loadAll(List.of(SEED)));

    @Test
    void findsExactlyTheFiveRemediationsTheSeedNamesButNeverDefines() {
        List<String> undefined = report.problems().stream()
                .map(p -> UNDEFINED.matcher(p.message()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
        assertEquals(
                List.of(
                        "scale_db_connections",
                        "escalate_infra",
                        "enable_circuit_breaker",
                        "notify_downstream",
                        "capture_error_samples"),
                undefined);
    }

    @Test
    void showsTheRewriteOfEverySeedStyleCondition() {
        List<String> warnings = report.warnings().stream().map(Problem::format).toList();
        String file = SEED.toString();
        assertEquals(
                List.of(
                        file + ":71:16: warning: '===' is JavaScript; write '=='"
                                + " (rewrite: diagnostics.check_db_connections.status == 'critical')",
                        file + ":74:16: warning: '===' is JavaScript; write '=='"
                                + " (rewrite: diagnostics.check_recent_deploy.status == 'warning')",
                        file + ":77:16: warning: '===' is JavaScript; write '=='"
                                + " (rewrite: diagnostics.check_pod_health.status == 'critical')",
                        file + ":80:16: warning: '===' is JavaScript; write '=='"
                                + " (rewrite: diagnostics.check_downstream.status == 'critical')",
                        file + ":83:16: warning: '===' is JavaScript; write '=='"
                                + " (rewrite: diagnostics.check_error_rate.status == 'critical')"),
                warnings);
    }

    @Test
    void reportsTheSeedsNonExpressionsAndItsShellString() {
        List<String> errors = report.errors().stream()
                .map(Problem::message)
                .filter(m -> !UNDEFINED.matcher(m).matches())
                .toList();
        assertEquals(
                List.of(
                        "invalid condition: undeclared reference to 'all_ready'",
                        "invalid condition: undeclared reference to 'ready_count'",
                        "invalid condition: undeclared reference to 'ready_count'",
                        "shell_command takes 'argv' (a list), not a shell string",
                        "invalid condition: undeclared reference to 'no_recent_deploy'",
                        "invalid condition: undeclared reference to 'deploy_within_30m'",
                        "invalid condition: undeclared reference to 'deploy_within_5m'",
                        "invalid condition: undeclared reference to 'any_slow'"),
                errors);
    }
}

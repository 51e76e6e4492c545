package dev.runbookbot.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
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

    private final LintReport report = new Linter(FakeDiagnosticTypes.all(), new CelConditionLanguage())
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
        String note = ": warning: '===' is JavaScript; this condition was read as: diagnostics.";
        assertEquals(
                List.of(
                        file + ":71:16" + note + "check_db_connections.status == 'critical'",
                        file + ":74:16" + note + "check_recent_deploy.status == 'warning'",
                        file + ":77:16" + note + "check_pod_health.status == 'critical'",
                        file + ":80:16" + note + "check_downstream.status == 'critical'",
                        file + ":83:16" + note + "check_error_rate.status == 'critical'"),
                warnings);
    }

    @Test
    void reportsTheSeedsNonExpressionsWithTheirRewritesAndItsShellString() {
        List<String> errors = report.errors().stream()
                .filter(p -> !UNDEFINED.matcher(p.message()).matches())
                .map(p -> p.location().line() + ": " + p.message().replaceAll("; declared: .*", "") + " | " + p.hint())
                .toList();
        assertEquals(
                List.of(
                        "21: invalid condition: unknown variable 'all_ready' (if you meant the text, quote it:"
                                + " 'all_ready') | write 'all_ready' == true",
                        "22: invalid condition: unknown variable 'ready_count' | ",
                        "23: invalid condition: unknown variable 'ready_count' (if you meant the text, quote it:"
                                + " 'ready_count') | write 'ready_count' == 0",
                        "51: shell_command takes 'argv' (a list), not a shell string | write argv: [kubectl, rollout,"
                                + " history, ...]",
                        "54: invalid condition: unknown variable 'no_recent_deploy' | ",
                        "55: invalid condition: unknown variable 'deploy_within_30m' | ",
                        "56: invalid condition: unknown variable 'deploy_within_5m' | ",
                        "68: invalid condition: unknown variable 'any_slow' | durations are numbers of milliseconds:"
                                + " write any_slow > 1000"),
                errors);
    }
}

package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.logs.LogSearchExecutor;
import dev.runbookbot.diagnose.logs.LogSearchSettings;
import dev.runbookbot.diagnose.prometheus.PrometheusSettings;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.lint.ActionChecks;
import dev.runbookbot.lint.DiagnosticTypes;
import dev.runbookbot.lint.Linter;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.kubernetes.KubernetesClusters;
import dev.runbookbot.remediate.silence.SilenceConfigCheck;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.SecretResolver;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import okhttp3.OkHttpClient;

/**
 * Builds the {@link Linter} that {@code runbookctl lint} (and the bot at start-up) checks runbooks with: CEL, the
 * diagnostic executors the bot registers, for their facts and their config checks, and the action checks of
 * {@link #actionChecks()}. Lint never runs a step, so the
 * executors built here never contact anything; where the settings name no Prometheus, one is assumed (a step
 * without its own {@code url} is then valid for lint, and the bot reports the missing setting when it starts).
 * Lint does not depend on the machine's environment: the Loki setting ({@code loki.url}, {@code LOKI_URL}) is left
 * out, so a {@code log_search} step without its own {@code url} gets the same warning with and without it.
 */
public final class LintSetup {
    /** Stands in for the bot's Prometheus while linting without one configured; never contacted. */
    static final URI ASSUMED_PROMETHEUS = URI.create("http://prometheus.invalid:9090");

    private LintSetup() {}

    public static Linter linter(Settings settings) {
        List<DiagnosticExecutor> executors = executors(settings).stream()
                .map(executor -> executor.type() == DiagnosticType.LOG_SEARCH ? withoutLoki(settings) : executor)
                .toList();
        return new Linter(DiagnosticTypes.of(executors), new CelConditionLanguage(), actionChecks());
    }

    /**
     * The action configs lint checks: the Kubernetes actions', whose check depends on nothing configured (on a client
     * that is never built: lint contacts no cluster and loads no client; only the default context exists, as in the
     * bot), and the silence's ({@link SilenceConfigCheck}, which loads no HTTP client either).
     */
    static ActionChecks actionChecks() {
        KubernetesClusters neverBuilt = KubernetesClusters.lazy(() -> {
            throw new IllegalStateException("lint never contacts a Kubernetes cluster");
        });
        List<ActionExecutor> executors = RemediationAssembly.kubernetesActions(neverBuilt, Clock.systemUTC());
        Map<ActionType, ActionExecutor> byType = new EnumMap<>(ActionType.class);
        executors.forEach(executor -> byType.put(executor.type(), executor));
        return (type, config) -> {
            if (type == ActionType.SILENCE) {
                return SilenceConfigCheck.problems(config);
            }
            ActionExecutor executor = byType.get(type);
            return executor == null ? List.of() : executor.validate(config);
        };
    }

    /** The log_search executor as lint sees it on any machine: no Loki configured (never contacted anyway). */
    private static DiagnosticExecutor withoutLoki(Settings settings) {
        return new LogSearchExecutor(
                LintSetup::noRequests,
                new LogSearchSettings(Optional.empty(), settings.logSearch().journalctl()),
                SecretResolver.none(),
                Clock.systemUTC(),
                LintSetup::noSearches);
    }

    /**
     * The bot's executors, with an assumed Prometheus when none is configured, and no HTTP client: lint only asks
     * them for their facts and config checks, so okhttp, Kotlin and the trust store are never loaded, and a request
     * would fail rather than leave the machine.
     */
    static List<DiagnosticExecutor> executors(Settings settings) {
        PrometheusSettings prometheus =
                settings.prometheus().orElseGet(() -> PrometheusSettings.of(ASSUMED_PROMETHEUS));
        return DiagnosisAssembly.executors(
                settings,
                LintSetup::noRequests,
                SecretResolver.none(),
                Clock.systemUTC(),
                Optional.of(prometheus),
                LintSetup::noSearches);
    }

    private static OkHttpClient noRequests() {
        throw new IllegalStateException("lint's diagnostic executors send no request");
    }

    /** The executor of journal reads, as lint has it: lint searches no log, so a task is refused. */
    private static void noSearches(Runnable task) {
        throw new RejectedExecutionException("lint's diagnostic executors search no log");
    }
}

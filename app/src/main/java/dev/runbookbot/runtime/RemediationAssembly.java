package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.incident.AfterRemediation;
import dev.runbookbot.incident.AttentionAfterRecoveryCheck;
import dev.runbookbot.incident.CatalogRemediationContexts;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.IncidentInputs;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.PipelineRemediator;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.incident.ThreadVerificationReport;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionExecutors;
import dev.runbookbot.remediate.ActionLoop;
import dev.runbookbot.remediate.DiagnoserFreshDiagnostics;
import dev.runbookbot.remediate.Escalator;
import dev.runbookbot.remediate.FreshDiagnostics;
import dev.runbookbot.remediate.GuardChain;
import dev.runbookbot.remediate.Pause;
import dev.runbookbot.remediate.PipelineSettings;
import dev.runbookbot.remediate.PreconditionGuard;
import dev.runbookbot.remediate.Promotions;
import dev.runbookbot.remediate.RecoveryCheck;
import dev.runbookbot.remediate.RemediationPipeline;
import dev.runbookbot.remediate.UntilWait;
import dev.runbookbot.remediate.escalate.EscalateActionExecutor;
import dev.runbookbot.remediate.http.HttpRequestActionExecutor;
import dev.runbookbot.remediate.kubernetes.CordonActionExecutor;
import dev.runbookbot.remediate.kubernetes.DrainActionExecutor;
import dev.runbookbot.remediate.kubernetes.KubernetesClusters;
import dev.runbookbot.remediate.kubernetes.RestartServiceActionExecutor;
import dev.runbookbot.remediate.kubernetes.RollbackActionExecutor;
import dev.runbookbot.remediate.kubernetes.ScaleUpActionExecutor;
import dev.runbookbot.remediate.notify.NotifyActionExecutor;
import dev.runbookbot.remediate.redis.FlushCacheActionExecutor;
import dev.runbookbot.remediate.script.RunScriptActionExecutor;
import dev.runbookbot.remediate.silence.SilenceActionExecutor;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.secrets.Redactor;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * Builds the acting half of the bot: the action executors (one line per type), the guard chain, the remediation
 * pipeline with its recovery check, and the {@link Remediator} the incident service uses. Only the bot builds this;
 * {@code run} and {@code simulate} never do. Owns the recovery scheduler, the {@code action-loop} pool and the Kubernetes client, built when a Kubernetes
 * action first runs: {@link #close()} releases them.
 */
public final class RemediationAssembly implements AutoCloseable {
    private final LazyKubernetesClient kubernetes = new LazyKubernetesClient();
    private final ScheduledExecutorService recoveryScheduler;
    private final ThreadPoolExecutor loopIterations =
            BotExecutors.bounded("action-loop", BotExecutors.ACTION_LOOP_THREADS);
    private final Remediator remediator;

    public RemediationAssembly(
            Settings settings,
            IncidentStore store,
            Catalog catalog,
            IncidentInputs inputs,
            Promotions promotions,
            DiagnosisAssembly diagnosis,
            ChatGateway chat,
            Escalator escalator,
            OkHttpClient http,
            SecretResolver secrets,
            Supplier<Collection<Secret>> knownSecrets,
            Clock clock) {
        this.recoveryScheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("recovery-check"));
        UnaryOperator<String> mask = text -> Redactor.of(knownSecrets.get()).redact(text);
        ThreadVerificationReport report = new ThreadVerificationReport(store, chat);
        AttentionAfterRecoveryCheck attention =
                new AttentionAfterRecoveryCheck(new AfterRemediation(catalog, store, chat));
        RecoveryCheck recovery = new RecoveryCheck(
                diagnosis.diagnoser(),
                diagnosis.conditionLanguage(),
                store,
                verification -> {
                    report.verified(verification);
                    attention.verified(verification);
                },
                recoveryScheduler,
                settings.remediation().settleTime(),
                mask,
                clock);
        PipelineSettings pipelineSettings = new PipelineSettings(
                workerName(),
                settings.remediation().actionTimeout(),
                PipelineSettings.DEFAULT_START_GRACE,
                PipelineSettings.DEFAULT_OUTPUT_CAP);
        // One re-run of diagnostics at execution time, for require, forEach and until alike.
        FreshDiagnostics fresh = new DiagnoserFreshDiagnostics(diagnosis.diagnoser());
        RemediationPipeline pipeline = new RemediationPipeline(
                store,
                ActionExecutors.of(
                        actionExecutors(settings, KubernetesClusters.lazy(kubernetes), chat, http, secrets, clock)),
                new CatalogRemediationContexts(catalog, inputs),
                GuardChain.standard(promotions, store, new PreconditionGuard(fresh, diagnosis.conditionLanguage())),
                escalator,
                recovery,
                mask,
                pipelineSettings,
                clock,
                Optional.of(actionLoop(fresh, diagnosis, store, clock, loopIterations)));
        this.remediator = new PipelineRemediator(pipeline);
    }

    /**
     * Loops and waits of remediations: fresh facts come from {@code fresh}; a wait blocks the remediation thread;
     * parallel iterations borrow helpers from {@code iterations}, the one {@code action-loop} pool.
     */
    private static ActionLoop actionLoop(
            FreshDiagnostics fresh,
            DiagnosisAssembly diagnosis,
            IncidentStore store,
            Clock clock,
            Executor iterations) {
        return new ActionLoop(
                fresh,
                new UntilWait(fresh, diagnosis.conditionLanguage(), store, Pause.SLEEP, clock),
                store,
                clock,
                iterations);
    }

    /** One line per action type the bot can carry out. */
    public static List<ActionExecutor> actionExecutors(
            Settings settings,
            KubernetesClusters clusters,
            ChatGateway chat,
            OkHttpClient http,
            SecretResolver secrets,
            Clock clock) {
        List<ActionExecutor> executors = new ArrayList<>(kubernetesActions(clusters, clock));
        executors.addAll(List.of(
                new FlushCacheActionExecutor(settings.remediation().redis(), secrets),
                new RunScriptActionExecutor(
                        new NamedDataSources(settings.dataSources(), secrets),
                        new ProcessRunner(settings.processes()),
                        secrets),
                new HttpRequestActionExecutor(http, secrets),
                new NotifyActionExecutor(chat),
                new SilenceActionExecutor(http, clock)));
        // Without PagerDuty, escalate actions go to the pipeline's Escalator (messages in the escalation channels).
        settings.alerting()
                .paging()
                .ifPresent(paging -> executors.add(new EscalateActionExecutor(http, paging, secrets)));
        return List.copyOf(executors);
    }

    /**
     * The Kubernetes actions: workloads ({@code restart_service}, {@code scale_up}, {@code rollback}) and nodes
     * ({@code cordon}, {@code uncordon}, {@code drain}). Lint checks their configs with these same executors.
     */
    public static List<ActionExecutor> kubernetesActions(KubernetesClusters clusters, Clock clock) {
        return List.of(
                new RestartServiceActionExecutor(clusters, clock),
                new ScaleUpActionExecutor(clusters),
                new RollbackActionExecutor(clusters),
                CordonActionExecutor.cordon(clusters),
                CordonActionExecutor.uncordon(clusters),
                new DrainActionExecutor(clusters));
    }

    /**
     * The worker name this bot process records on the runs it starts: its replica id, which the reaper finds among the
     * live replicas' heartbeats while the process lives.
     */
    public static String workerName() {
        return ThisReplica.ID.value();
    }

    public Remediator remediator() {
        return remediator;
    }

    @Override
    public void close() {
        recoveryScheduler.shutdownNow();
        try {
            BotExecutors.drain(loopIterations, BotExecutors.DRAIN_GRACE);
        } catch (InterruptedException e) {
            loopIterations.shutdownNow();
            Thread.currentThread().interrupt();
        }
        kubernetes.close();
    }
}

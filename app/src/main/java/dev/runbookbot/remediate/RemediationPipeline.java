package dev.runbookbot.remediate;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The remediation pipeline: how an approved run becomes an action, and how its result is recorded. The orchestrator
 * calls it; it holds no state of its own between calls.
 *
 * <ol>
 *   <li>{@link #proposal} builds the {@link NewRun} to propose: the preview as approvers will see it, the approvals the
 *       runbook requires ({@link ApprovalGuard#requiredApprovals}) and the approval deadline ({@code
 *       safety.approvalTimeout}, 120 s by default), which the store turns into an absolute instant.
 *   <li>{@link #preview} renders exactly what would run, secrets masked: for approval messages and {@code --dry-run}.
 *   <li>{@link #execute} re-reads the run from the store, renders the action again, runs the {@link GuardChain}
 *       (approval, environment scope, unchanged action, and last the {@code require} precondition on fresh diagnostics:
 *       a run refused by it is cancelled, so its approval cannot run it later), starts the run in the store (a compare-and-set that refuses a
 *       second remediation for the same service and environment, {@code TARGET_BUSY}), runs the action <em>on the
 *       calling thread</em> with {@link PipelineSettings#actionTimeout()}, decides success with the remediation's
 *       {@code expect} patterns ({@link ExpectationCheck}), and records the result with its output masked and capped.
 *       A success schedules the {@link RecoveryCheck}. Escalations go to the {@link Escalator}.
 *   <li>{@link #markDone} records that a person carried out a manual remediation.
 * </ol>
 *
 * The pipeline decides the order; {@link ActionPreviews} renders, {@link ActionRunner} acts and {@link RunRecorder}
 * records. Every refusal is a value ({@link ExecutionResult.Refused}) with a reason for the person who asked, and is written to
 * the incident's timeline (except a repeated request for something already done, such as a double click). The store
 * records each start and finish with its timeline entry and automation event; the pipeline adds a {@code
 * requires_manual} automation event when people had to approve the run or did it by hand. A rejection recorded through
 * {@link #reject} counts as {@code overridden} (the store records that event).
 *
 * <p>Secrets: every text that leaves the pipeline or is stored (preview, output, reasons) goes through {@code mask}
 * first, then is capped, so a secret cut in half by the cap cannot survive. Pass the {@code secrets} Redactor's masking
 * function; executors also mask the secrets they used themselves.
 *
 * <p>Threading: thread-safe. {@link #execute} and {@link #markDone} block for as long as the action takes; call them
 * from the remediation executor, never from a thread that talks to Slack or a webhook.
 */
public final class RemediationPipeline {
    private final RunStore store;
    private final ActionExecutors executors;
    private final RemediationContexts contexts;
    private final GuardChain guards;
    private final PipelineSettings settings;
    private final Clock clock;
    private final ActionPreviews previews;
    private final RunRecorder recorder;
    private final ActionRunner actions;

    /**
     * @param mask replaces secret values by their names (literal, never regex, masking: the {@code secrets} Redactor).
     *     It is applied to previews, outputs and reasons before they are capped, stored or returned.
     */
    public RemediationPipeline(
            RunStore store,
            ActionExecutors executors,
            RemediationContexts contexts,
            GuardChain guards,
            Escalator escalator,
            RecoveryCheck recovery,
            UnaryOperator<String> mask,
            PipelineSettings settings,
            Clock clock) {
        this(store, executors, contexts, guards, escalator, recovery, mask, settings, clock, Optional.empty());
    }

    /**
     * As above, with the {@link ActionLoop} that runs remediations with {@code forEach} or {@code until} (without it,
     * such a remediation cannot be previewed or run, and says so).
     */
    public RemediationPipeline(
            RunStore store,
            ActionExecutors executors,
            RemediationContexts contexts,
            GuardChain guards,
            Escalator escalator,
            RecoveryCheck recovery,
            UnaryOperator<String> mask,
            PipelineSettings settings,
            Clock clock,
            Optional<ActionLoop> loops) {
        Objects.requireNonNull(loops, "loops");
        this.store = Objects.requireNonNull(store, "store");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.previews = new ActionPreviews(executors, Objects.requireNonNull(mask, "mask"), settings, loops);
        this.actions = new ActionRunner(executors, Objects.requireNonNull(escalator, "escalator"), previews, loops);
        this.recorder =
                new RunRecorder(store, Objects.requireNonNull(recovery, "recovery"), mask, settings, this.clock);
    }

    // ---- proposing and previewing

    /**
     * The run to propose for {@code remediation} of {@code incident}: its preview (what approvers see, and what {@link
     * UnchangedActionGuard} compares with before it runs), the approvals it needs and its approval timeout.
     *
     * @throws ActionException when the action cannot be rendered (the reason is masked); nothing can be proposed then
     */
    public NewRun proposal(
            RemediationTarget incident, RemediationContext context, int attempt, String requestedBy, String reason)
            throws ActionException {
        return previews.proposal(incident, context, attempt, requestedBy, reason);
    }

    /** What {@code context}'s remediation would do for {@code incident} (a dry run), secrets masked. No side effect. */
    public PreviewResult preview(RemediationTarget incident, RemediationContext context, int attempt) {
        return previews.preview(incident, context, attempt);
    }

    /** What a stored run would do if it ran now, secrets masked. */
    public PreviewResult preview(RemediationRun run) {
        Optional<RemediationTarget> incident = store.target(run.incidentId());
        if (incident.isEmpty()) {
            return new PreviewResult.Unavailable("no incident " + run.incidentId());
        }
        Optional<RemediationContext> context = contexts.find(incident.get(), run);
        if (context.isEmpty()) {
            return new PreviewResult.Unavailable(noContext(incident.get(), run));
        }
        return preview(incident.get(), context.get(), run.attempt());
    }

    // ---- executing

    /**
     * Runs an approved run, on the calling thread, if every guard allows it and the store lets it start. Blocks for as
     * long as the action takes (at most about {@link PipelineSettings#actionTimeout()}).
     *
     * @param actor who asked (a Slack user id, or {@code runbook-bot} for a run that needed no approval)
     */
    public ExecutionResult execute(RunId runId, String actor) {
        requireActor(actor);
        return loaded(runId, actor, this::execute);
    }

    /**
     * Runs the run of {@code context}, as loaded when the click arrived (nothing of it is read again), on the calling
     * thread, if every guard allows it and the store lets it start.
     */
    public ExecutionResult execute(RunContext context, String actor) {
        requireActor(actor);
        return execute(new Loaded(context.incident(), context.run(), context.remediationContext()), actor);
    }

    private ExecutionResult execute(Loaded loaded, String actor) {
        RemediationRun run = loaded.run();
        RunId runId = run.id();
        RemediationTarget incident = loaded.incident();
        RemediationContext context = loaded.context();
        RemediationSpec remediation = requireMatching(context, run);
        if (remediation.type() == RemediationType.MANUAL) {
            return recorder.refused(
                    incident,
                    run,
                    actor,
                    RefusalKind.NOT_ALLOWED,
                    run.label() + " is a manual remediation: follow its instructions, then mark it done");
        }
        Optional<LoopItems.Resolved> items = previews.loopItems(context);
        PreviewResult preview = previews.preview(incident, context, run.attempt(), items);
        if (preview instanceof PreviewResult.Unavailable unavailable) {
            return recorder.refused(incident, run, actor, RefusalKind.NOT_ALLOWED, unavailable.reason());
        }
        String previewText = ((PreviewResult.Rendered) preview).preview().text();
        GuardDecision decision =
                guards.check(new GuardContext(incident, run, context, previewText, actor, clock.instant()));
        if (decision instanceof GuardDecision.Refuse refuse) {
            ExecutionResult.Refused refused = recorder.refused(incident, run, actor, refuse.kind(), refuse.reason());
            if (refuse.kind() == RefusalKind.PRECONDITION_FAILED) {
                recorder.cancelNotRun(run, refused.reason());
            }
            return refused;
        }
        Duration longest = ActionLoop.applies(remediation)
                ? ActionLoop.longest(remediation, settings.actionTimeout())
                : settings.actionTimeout();
        TransitionResult<RemediationRun> started =
                store.start(runId, actor, settings.worker(), longest.plus(settings.startGrace()));
        if (started instanceof TransitionResult.Refused<RemediationRun> refusal) {
            return recorder.refused(incident, run, actor, refusal.kind(), refusal.reason());
        }
        RemediationRun running = started.appliedValue().orElseThrow();
        recorder.recordPeopleApproved(incident, running);

        long startNanos = System.nanoTime();
        ActionOutcome outcome = actions.act(incident, context, running, actor, items);
        ExpectationResult verdict;
        try {
            verdict = ExpectationCheck.of(remediation.expect()).check(outcome);
        } catch (IllegalArgumentException e) {
            // The loader validates expect patterns; a runbook that bypassed it still gets an honest result.
            verdict = new ExpectationResult(
                    ExpectationResult.Verdict.FAILED, "the expect patterns cannot be checked: " + e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        return recorder.finish(previews.escalates(remediation), incident, context, running, outcome, verdict, took);
    }

    /**
     * Records that {@code actor} carried out a manual remediation by hand: the run starts and succeeds in one go
     * (refused, like any run, while another remediation runs for the same service and environment), a {@code
     * requires_manual} automation event is recorded, and the recovery check is scheduled.
     */
    public ExecutionResult markDone(RunId runId, String actor) {
        requireActor(actor);
        return loaded(runId, actor, this::markDone);
    }

    /** The same, for the run of {@code context} as loaded when the click arrived. */
    public ExecutionResult markDone(RunContext context, String actor) {
        requireActor(actor);
        return markDone(new Loaded(context.incident(), context.run(), context.remediationContext()), actor);
    }

    private ExecutionResult markDone(Loaded loaded, String actor) {
        RemediationRun run = loaded.run();
        RunId runId = run.id();
        RemediationTarget incident = loaded.incident();
        RemediationContext context = loaded.context();
        RemediationSpec remediation = requireMatching(context, run);
        if (remediation.type() != RemediationType.MANUAL) {
            return recorder.refused(
                    incident,
                    run,
                    actor,
                    RefusalKind.NOT_ALLOWED,
                    run.label() + " is not a manual remediation; the bot runs it once it is approved");
        }
        GuardDecision decision = new ApprovalGuard()
                .check(new GuardContext(incident, run, context, run.preview(), actor, clock.instant()));
        if (decision instanceof GuardDecision.Refuse refuse) {
            return recorder.refused(incident, run, actor, refuse.kind(), refuse.reason());
        }
        TransitionResult<RemediationRun> started =
                store.start(runId, actor, settings.worker(), settings.actionTimeout());
        if (started instanceof TransitionResult.Refused<RemediationRun> refusal) {
            return recorder.refused(incident, run, actor, refusal.kind(), refusal.reason());
        }
        String done = "done by hand by " + actor;
        TransitionResult<RemediationRun> finished = store.finish(runId, RunState.SUCCEEDED, actor, done, "");
        recorder.record(new AutomationEvent(
                Optional.of(incident.incidentId()),
                Optional.of(runId),
                clock.instant(),
                incident.service(),
                incident.environment(),
                run.action(),
                AutomationResult.REQUIRES_MANUAL,
                actor,
                "manual step " + remediation.id() + " " + done));
        boolean verifying = finished.isApplied() && recorder.scheduleRecovery(incident, run, context);
        return new ExecutionResult.Finished(
                runId,
                finished.appliedValue(),
                new ExpectationResult(ExpectationResult.Verdict.SUCCEEDED, done),
                "",
                Duration.ZERO,
                verifying,
                finished.refusal());
    }

    /**
     * A person says no to a proposed run. The store records the rejection with its timeline entry and counts it as an
     * {@code overridden} automation event.
     */
    public TransitionResult<RemediationRun> reject(RunId runId, String actor, String reason) {
        requireActor(actor);
        return store.reject(runId, actor, reason);
    }

    // ---- internals

    /** A run with what it acts on, read from the store by run id (the CLI, tests, a run that needs no click). */
    private record Loaded(RemediationTarget incident, RemediationRun run, RemediationContext context) {}

    private ExecutionResult loaded(RunId runId, String actor, BiFunction<Loaded, String, ExecutionResult> then) {
        Optional<RemediationRun> found = store.run(runId);
        if (found.isEmpty()) {
            return new ExecutionResult.Refused(runId, RefusalKind.NOT_FOUND, "no run " + runId);
        }
        RemediationRun run = found.get();
        Optional<RemediationTarget> incident = store.target(run.incidentId());
        if (incident.isEmpty()) {
            return new ExecutionResult.Refused(runId, RefusalKind.NOT_FOUND, "no incident " + run.incidentId());
        }
        Optional<RemediationContext> context = contexts.find(incident.get(), run);
        if (context.isEmpty()) {
            return recorder.refused(incident.get(), run, actor, RefusalKind.NOT_FOUND, noContext(incident.get(), run));
        }
        return then.apply(new Loaded(incident.get(), run, context.get()), actor);
    }

    private static RemediationSpec requireMatching(RemediationContext context, RemediationRun run) {
        if (!context.remediation().id().equals(run.remediationId())) {
            throw new IllegalStateException("the context found for " + run.label() + " is for remediation "
                    + context.remediation().id());
        }
        return context.remediation();
    }

    private static String noContext(RemediationTarget incident, RemediationRun run) {
        return "runbook " + incident.runbookId() + " version " + incident.runbookVersion() + " or the inputs of "
                + incident.incidentId() + " are no longer known, so " + run.label()
                + " cannot run as it was approved; propose it again";
    }

    private static void requireActor(String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
    }
}

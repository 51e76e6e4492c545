package dev.runbookbot.remediate;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.DetailJson;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.expr.TextTemplates;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ApprovalWording;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.SafetySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       (approval, environment scope, unchanged action), starts the run in the store (a compare-and-set that refuses a
 *       second remediation for the same service and environment, {@code TARGET_BUSY}), runs the action <em>on the
 *       calling thread</em> with {@link PipelineSettings#actionTimeout()}, decides success with the remediation's
 *       {@code expect} patterns ({@link ExpectationCheck}), and records the result with its output masked and capped.
 *       A success schedules the {@link RecoveryCheck}. Escalations go to the {@link Escalator}.
 *   <li>{@link #markDone} records that a person carried out a manual remediation.
 * </ol>
 *
 * Every refusal is a value ({@link ExecutionResult.Refused}) with a reason for the person who asked, and is written to
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
    private static final Logger log = LoggerFactory.getLogger(RemediationPipeline.class);

    private final RunStore store;
    private final ActionExecutors executors;
    private final RemediationContexts contexts;
    private final GuardChain guards;
    private final Escalator escalator;
    private final RecoveryCheck recovery;
    private final UnaryOperator<String> mask;
    private final PipelineSettings settings;
    private final Clock clock;
    private final Optional<ActionLoop> loops;

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
        this.loops = Objects.requireNonNull(loops, "loops");
        this.store = Objects.requireNonNull(store, "store");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.escalator = Objects.requireNonNull(escalator, "escalator");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        PreviewResult preview = preview(incident, context, attempt);
        if (preview instanceof PreviewResult.Unavailable unavailable) {
            throw new ActionException(unavailable.reason());
        }
        RemediationSpec remediation = context.remediation();
        Duration timeout = Optional.ofNullable(remediation.safety())
                .map(SafetySpec::approvalTimeout)
                .orElse(SafetySpec.DEFAULT_APPROVAL_TIMEOUT);
        return new NewRun(
                incident.incidentId(),
                remediation.id(),
                attempt,
                actionName(remediation),
                ((PreviewResult.Rendered) preview).preview().text(),
                requestedBy,
                reason,
                ApprovalGuard.requiredApprovals(context.runbook(), remediation),
                Optional.of(timeout));
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

    /** What {@code context}'s remediation would do for {@code incident} (a dry run), secrets masked. No side effect. */
    public PreviewResult preview(RemediationTarget incident, RemediationContext context, int attempt) {
        return preview(incident, context, attempt, loopItems(context));
    }

    /** The items of a remediation with {@code forEach} (read once per click), empty for any other. */
    private Optional<LoopItems.Resolved> loopItems(RemediationContext context) {
        if (!ActionLoop.applies(context.remediation()) || loops.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(loops.get().items(context));
    }

    private PreviewResult preview(
            RemediationTarget incident, RemediationContext context, int attempt, Optional<LoopItems.Resolved> items) {
        RemediationSpec remediation = context.remediation();
        if (remediation.type() == RemediationType.MANUAL) {
            List<String> lines = remediation
                    .instructions()
                    .map(text -> List.of(
                            TextTemplates.render(text, context.inputs()).strip().split("\n", -1)))
                    .orElse(List.of("(no instructions)"));
            return rendered(new ActionPreview("manual step: " + remediation.name(), lines));
        }
        if (escalates(remediation)) {
            EscalationSpec escalation = context.runbook().escalation();
            String to = escalation == null
                    ? "the runbook's escalation targets"
                    : escalation.primary()
                            + escalation.secondary().map(s -> ", then " + s).orElse("");
            return rendered(new ActionPreview(
                    "escalation of " + incident.incidentId(),
                    List.of(
                            "escalate " + incident.incidentId() + " to " + to,
                            ApprovalWording.of(remediation, context.runbook().approvalsNeeded(remediation)))));
        }
        Optional<ActionSpec> action = remediation.action();
        if (action.isEmpty()) {
            return new PreviewResult.Unavailable("automated remediation " + remediation.id() + " has no action");
        }
        Optional<ActionExecutor> executor = executors.forType(action.get().type());
        if (executor.isEmpty()) {
            return new PreviewResult.Unavailable(noExecutor(action.get().type()));
        }
        if (ActionLoop.applies(remediation)) {
            if (items.isEmpty()) {
                return new PreviewResult.Unavailable(remediation.id() + " has forEach or until, which this pipeline"
                        + " cannot run (no diagnostics to read fresh facts from)");
            }
            return loops.get()
                    .preview(
                            context,
                            items.get(),
                            inputs -> previewOne(executor.get(), incident, context, attempt, inputs));
        }
        return previewOne(executor.get(), incident, context, attempt, context.inputs());
    }

    /** One rendering of the action, with {@code inputs} (a loop's item set), secrets masked. */
    private PreviewResult previewOne(
            ActionExecutor executor,
            RemediationTarget incident,
            RemediationContext context,
            int attempt,
            dev.runbookbot.expr.TemplateContext inputs) {
        RemediationSpec remediation = context.remediation();
        ActionSpec action = remediation.action().orElseThrow();
        try {
            return rendered(executor.preview(request(incident, context, attempt, inputs)));
        } catch (ActionException e) {
            return new PreviewResult.Unavailable(
                    mask.apply("cannot render " + remediation.id() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("the {} executor failed to render a preview", action.type().yamlName(), e);
            return new PreviewResult.Unavailable(mask.apply(
                    "the " + action.type().yamlName() + " executor failed to render " + remediation.id() + ": " + e));
        }
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
            return refused(
                    incident,
                    run,
                    actor,
                    RefusalKind.NOT_ALLOWED,
                    run.label() + " is a manual remediation: follow its instructions, then mark it done");
        }
        Optional<LoopItems.Resolved> items = loopItems(context);
        PreviewResult preview = preview(incident, context, run.attempt(), items);
        if (preview instanceof PreviewResult.Unavailable unavailable) {
            return refused(incident, run, actor, RefusalKind.NOT_ALLOWED, unavailable.reason());
        }
        String previewText = ((PreviewResult.Rendered) preview).preview().text();
        GuardDecision decision =
                guards.check(new GuardContext(incident, run, context, previewText, actor, clock.instant()));
        if (decision instanceof GuardDecision.Refuse refuse) {
            return refused(incident, run, actor, refuse.kind(), refuse.reason());
        }
        Duration longest = ActionLoop.applies(remediation)
                ? ActionLoop.longest(remediation, settings.actionTimeout())
                : settings.actionTimeout();
        TransitionResult<RemediationRun> started =
                store.start(runId, actor, settings.worker(), longest.plus(settings.startGrace()));
        if (started instanceof TransitionResult.Refused<RemediationRun> refusal) {
            return refused(incident, run, actor, refusal.kind(), refusal.reason());
        }
        RemediationRun running = started.appliedValue().orElseThrow();
        recordPeopleApproved(incident, running);

        long startNanos = System.nanoTime();
        ActionOutcome outcome = act(incident, context, running, actor, items);
        ExpectationResult verdict;
        try {
            verdict = ExpectationCheck.of(remediation.expect()).check(outcome);
        } catch (IllegalArgumentException e) {
            // The loader validates expect patterns; a runbook that bypassed it still gets an honest result.
            verdict = new ExpectationResult(
                    ExpectationResult.Verdict.FAILED, "the expect patterns cannot be checked: " + e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        return finish(incident, context, running, outcome, verdict, took);
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
            return refused(
                    incident,
                    run,
                    actor,
                    RefusalKind.NOT_ALLOWED,
                    run.label() + " is not a manual remediation; the bot runs it once it is approved");
        }
        GuardDecision decision = new ApprovalGuard()
                .check(new GuardContext(incident, run, context, run.preview(), actor, clock.instant()));
        if (decision instanceof GuardDecision.Refuse refuse) {
            return refused(incident, run, actor, refuse.kind(), refuse.reason());
        }
        TransitionResult<RemediationRun> started =
                store.start(runId, actor, settings.worker(), settings.actionTimeout());
        if (started instanceof TransitionResult.Refused<RemediationRun> refusal) {
            return refused(incident, run, actor, refusal.kind(), refusal.reason());
        }
        String done = "done by hand by " + actor;
        TransitionResult<RemediationRun> finished = store.finish(runId, RunState.SUCCEEDED, actor, done, "");
        record(new AutomationEvent(
                Optional.of(incident.incidentId()),
                Optional.of(runId),
                clock.instant(),
                incident.service(),
                incident.environment(),
                run.action(),
                AutomationResult.REQUIRES_MANUAL,
                actor,
                "manual step " + remediation.id() + " " + done));
        boolean verifying = finished.isApplied() && scheduleRecovery(incident, run, context);
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
            return refused(incident.get(), run, actor, RefusalKind.NOT_FOUND, noContext(incident.get(), run));
        }
        return then.apply(new Loaded(incident.get(), run, context.get()), actor);
    }

    private ActionOutcome act(
            RemediationTarget incident,
            RemediationContext context,
            RemediationRun run,
            String actor,
            Optional<LoopItems.Resolved> items) {
        RemediationSpec remediation = context.remediation();
        if (escalates(remediation)) {
            try {
                ActionOutcome outcome = escalator.escalate(incident, context.runbook(), remediation, actor);
                return outcome == null ? new ActionOutcome.Failed("the escalator returned no outcome", "") : outcome;
            } catch (RuntimeException e) {
                log.warn("escalating {} failed unexpectedly", incident.incidentId(), e);
                return new ActionOutcome.Failed("the escalation failed unexpectedly: " + e, "");
            }
        }
        ActionExecutor executor =
                executors.forType(remediation.action().orElseThrow().type()).orElseThrow();
        if (items.isPresent()) {
            return loops.get()
                    .run(
                            incident,
                            run,
                            context,
                            items.get(),
                            inputs -> actOne(executor, incident, context, run, inputs));
        }
        return actOne(executor, incident, context, run, context.inputs());
    }

    /** The action once, with {@code inputs} (a loop's item set); never throws. */
    private ActionOutcome actOne(
            ActionExecutor executor,
            RemediationTarget incident,
            RemediationContext context,
            RemediationRun run,
            dev.runbookbot.expr.TemplateContext inputs) {
        ActionSpec action = context.remediation().action().orElseThrow();
        try {
            ActionOutcome outcome = executor.execute(request(incident, context, run.attempt(), inputs));
            return outcome == null
                    ? new ActionOutcome.Failed("the " + action.type().yamlName() + " executor returned no outcome", "")
                    : outcome;
        } catch (RuntimeException e) {
            log.warn("the {} executor failed on {}", action.type().yamlName(), run.label(), e);
            return new ActionOutcome.Failed(
                    "the " + action.type().yamlName() + " executor failed unexpectedly: " + e, "");
        }
    }

    private ExecutionResult finish(
            RemediationTarget incident,
            RemediationContext context,
            RemediationRun running,
            ActionOutcome outcome,
            ExpectationResult verdict,
            Duration took) {
        String output = capped(mask.apply(outcome.output() == null ? "" : outcome.output()));
        String reason = capped(mask.apply(verdict.reason()));
        if (reason.isBlank()) {
            reason = verdict.verdict().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (verdict.verdict() == ExpectationResult.Verdict.ACCEPTED_FAILURE) {
            reason = "tolerated (allow_failure): " + reason;
        }
        ExpectationResult stored = new ExpectationResult(verdict.verdict(), reason);
        RunState state = verdict.verdict() == ExpectationResult.Verdict.FAILED ? RunState.FAILED : RunState.SUCCEEDED;
        TransitionResult<RemediationRun> finished =
                store.finish(running.id(), state, RemediationLifecycle.BOT, reason, output);
        if (finished instanceof TransitionResult.Refused<RemediationRun> refusal) {
            log.warn("the result of {} was not recorded: {}", running.label(), refusal.reason());
        }
        boolean verifying = finished.isApplied()
                && state == RunState.SUCCEEDED
                && !escalates(context.remediation())
                && scheduleRecovery(incident, running, context);
        return new ExecutionResult.Finished(
                running.id(), finished.appliedValue(), stored, output, took, verifying, finished.refusal());
    }

    private boolean scheduleRecovery(RemediationTarget incident, RemediationRun run, RemediationContext context) {
        try {
            recovery.schedule(incident.incidentId(), run.id(), context);
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("could not schedule the recovery check of {}: its scheduler is shut down", run.label());
            return false;
        }
    }

    /** A {@code requires_manual} event when people approved the run: the automation needed a human to go ahead. */
    private void recordPeopleApproved(RemediationTarget incident, RemediationRun run) {
        List<String> approvers = run.approvals().stream()
                .map(Approval::approver)
                .filter(a -> !a.equals(RemediationLifecycle.BOT))
                .distinct()
                .toList();
        if (approvers.isEmpty()) {
            return;
        }
        record(new AutomationEvent(
                Optional.of(incident.incidentId()),
                Optional.of(run.id()),
                clock.instant(),
                incident.service(),
                incident.environment(),
                run.action(),
                AutomationResult.REQUIRES_MANUAL,
                String.join(", ", approvers),
                run.remediationId() + " needed approval by " + approvers.size()
                        + (approvers.size() == 1 ? " person" : " people") + " before it could run"));
    }

    private void record(AutomationEvent event) {
        try {
            store.record(event);
        } catch (RuntimeException e) {
            log.warn(
                    "could not record the automation event for {}",
                    event.runId().orElse(null),
                    e);
        }
    }

    private ExecutionResult.Refused refused(
            RemediationTarget incident, RemediationRun run, String actor, RefusalKind kind, String reason) {
        String masked = mask.apply(reason);
        if (kind != RefusalKind.ALREADY_DONE) {
            try {
                store.append(new NewTimelineEvent(
                        incident.incidentId(),
                        Optional.of(run.id()),
                        clock.instant(),
                        TimelineKind.ACTION,
                        actor,
                        actor + " asked to run " + run.label() + "; refused: " + masked,
                        new DetailJson()
                                .put("refused", kind.name())
                                .put("reason", masked)
                                .toString()));
            } catch (RuntimeException e) {
                log.warn("could not record the refusal of {} in the timeline", run.label(), e);
            }
        }
        return new ExecutionResult.Refused(run.id(), kind, masked);
    }

    private ActionRequest request(
            RemediationTarget incident,
            RemediationContext context,
            int attempt,
            dev.runbookbot.expr.TemplateContext inputs) {
        RemediationSpec remediation = context.remediation();
        return new ActionRequest(
                remediation.id(),
                remediation.action().orElseThrow(),
                inputs,
                incident.environment(),
                settings.actionTimeout(),
                incident.incidentId() + "/" + remediation.id() + "/" + attempt
                        + inputs.item().map(item -> "/" + LoopItems.label(item)).orElse(""));
    }

    private PreviewResult rendered(ActionPreview preview) {
        List<String> lines = new ArrayList<>(preview.lines().size());
        preview.lines().forEach(line -> lines.add(mask.apply(line)));
        return new PreviewResult.Rendered(new ActionPreview(mask.apply(preview.target()), lines));
    }

    /** True for a remediation the {@link Escalator} carries out. */
    private boolean escalates(RemediationSpec remediation) {
        if (remediation.type() == RemediationType.ESCALATE) {
            return true;
        }
        return remediation
                        .action()
                        .map(ActionSpec::type)
                        .filter(t -> t == ActionType.ESCALATE)
                        .isPresent()
                && executors.forType(ActionType.ESCALATE).isEmpty();
    }

    /** The action name a run, its automation events and the overrides report use. */
    private static String actionName(RemediationSpec remediation) {
        return switch (remediation.type()) {
            case MANUAL -> "manual";
            case ESCALATE -> ActionType.ESCALATE.yamlName();
            case HANDOFF -> "handoff";
            case SUPPRESS -> "suppress";
            case AUTOMATED -> remediation.action().map(a -> a.type().yamlName()).orElse("automated");
        };
    }

    private String capped(String text) {
        int cap = settings.outputCap();
        if (text.length() <= cap) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(cap - 1)) ? cap - 1 : cap;
        return text.substring(0, end) + "\n[cut: " + (text.length() - end) + " more characters]";
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

    private static String noExecutor(ActionType type) {
        return "no executor is registered for action type " + type.yamlName() + " (is it configured?)";
    }

    private static void requireActor(String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
    }
}

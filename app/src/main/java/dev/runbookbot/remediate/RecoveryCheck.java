package dev.runbookbot.remediate;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RecoveryCheckDetail;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.decide.CompiledDecision;
import dev.runbookbot.decide.DecisionScope;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.decide.UnmatchedDecision;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop the seeds leave open: after a remediation succeeds and a settle time has passed, the diagnostics that
 * led to it run again and the verdict says whether the service recovered.
 *
 * <ul>
 *   <li>The deciding decisions are the ones that proposed the remediation: from the diagnosis that proposed it when it
 *       is known (the decision that chose it and any that chose it too), otherwise every decision of the runbook that
 *       names it.
 *   <li>The steps run again are those the deciding conditions read ({@code Condition.selectedFields("diagnostics")}),
 *       in runbook order; all steps when that is unknown or empty. They run through the {@link Diagnoser}, so with the
 *       same executors, timeouts and interpretation as the first diagnosis, read-only.
 *   <li>{@link Verification.Verdict#NOT_RECOVERED} when a deciding condition still holds or a step is critical;
 *       otherwise {@link Verification.Verdict#INCONCLUSIVE} when a step errored or read as unknown, or a condition
 *       could not be evaluated (a step that cannot be read must not make a condition false and the service look
 *       healthy); otherwise {@link Verification.Verdict#RECOVERED}.
 * </ul>
 *
 * The verdict is appended to the incident's timeline (kind {@code DIAGNOSTIC}, with the before/after of each step,
 * masked) and handed to the {@link VerificationListener}.
 *
 * <p>Threading: {@link #schedule} returns at once; the check runs on {@code scheduler} and blocks that thread for the
 * diagnosis (at most the Diagnoser's overall deadline). Give it its own scheduler, never the diagnostics runner's timer
 * (whose timeouts the diagnosis needs) and never a thread that talks to Slack. Thread-safe.
 */
public final class RecoveryCheck {
    private static final Logger log = LoggerFactory.getLogger(RecoveryCheck.class);

    private final Diagnoser diagnoser;
    private final ConditionLanguage language;
    private final RunStore store;
    private final VerificationListener listener;
    private final ScheduledExecutorService scheduler;
    private final Duration settleTime;
    private final UnaryOperator<String> mask;
    private final Clock clock;

    /**
     * @param mask replaces secret values in text before it is stored or shown (the {@code secrets} Redactor's literal
     *     masking; identity only where no secret can appear)
     */
    public RecoveryCheck(
            Diagnoser diagnoser,
            ConditionLanguage language,
            RunStore store,
            VerificationListener listener,
            ScheduledExecutorService scheduler,
            Duration settleTime,
            UnaryOperator<String> mask,
            Clock clock) {
        this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
        this.language = Objects.requireNonNull(language, "language");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settleTime = Objects.requireNonNull(settleTime, "settleTime");
        if (settleTime.isNegative()) {
            throw new IllegalArgumentException("settle time must not be negative, got " + settleTime);
        }
        this.mask = Objects.requireNonNull(mask, "mask");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Duration settleTime() {
        return settleTime;
    }

    /**
     * Schedules the check of run {@code runId} after the settle time and returns at once.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the scheduler is shut down
     */
    public ScheduledFuture<Verification> schedule(IncidentId incidentId, RunId runId, RemediationContext context) {
        return scheduler.schedule(() -> verify(incidentId, runId, context), settleTime.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs the check now, on the calling thread: diagnose, compare, record, tell the listener. Never throws for a failed
     * diagnosis or store; the verdict is then inconclusive with the reason.
     */
    public Verification verify(IncidentId incidentId, RunId runId, RemediationContext context) {
        Verification verification;
        try {
            verification = check(incidentId, runId, context);
        } catch (RuntimeException e) {
            log.warn("the recovery check of {} failed", runId, e);
            verification = new Verification(
                    incidentId,
                    runId,
                    context.remediation().id(),
                    Verification.Verdict.INCONCLUSIVE,
                    mask.apply("the recovery check itself failed: " + e),
                    List.of(),
                    List.of(),
                    clock.instant());
        }
        record(verification);
        try {
            listener.verified(verification);
        } catch (RuntimeException e) {
            log.warn("the verification listener failed on {}", runId, e);
        }
        return verification;
    }

    private Verification check(IncidentId incidentId, RunId runId, RemediationContext context) {
        RunbookSpec runbook = context.runbook();
        String remediationId = context.remediation().id();
        List<CompiledDecision> deciding = new ArrayList<>();
        boolean stepsKnown = true;
        for (int index : decidingIndices(context)) {
            try {
                deciding.add(
                        CompiledDecision.compile(index, runbook.decisionTree().get(index), language));
            } catch (ConditionException e) {
                stepsKnown = false; // the catalog only holds runbooks whose conditions compile; be safe anyway
            }
        }
        List<DiagnosticSpec> steps = stepsToRun(runbook, deciding, stepsKnown);
        List<String> labels = deciding.stream().map(CompiledDecision::label).toList();
        if (steps.isEmpty()) {
            return new Verification(
                    incidentId,
                    runId,
                    remediationId,
                    Verification.Verdict.INCONCLUSIVE,
                    "runbook " + runbook.id() + " has no diagnostics to run again",
                    labels,
                    List.of(),
                    clock.instant());
        }
        DiagnosisReport after = diagnoser.diagnose(runbook, steps, context.inputs(), RunListener.NONE);
        Map<String, DiagnosticResult> before = new LinkedHashMap<>();
        context.diagnosis().ifPresent(report -> report.results().forEach(r -> before.put(r.stepId(), r)));
        List<StepComparison> comparisons = after.results().stream()
                .map(r -> new StepComparison(r.stepId(), r.name(), Optional.ofNullable(before.get(r.stepId())), r))
                .toList();
        return verdict(incidentId, runId, remediationId, deciding, after, comparisons);
    }

    /** The decisions that proposed the remediation, by index in the tree. */
    private static Set<Integer> decidingIndices(RemediationContext context) {
        String id = context.remediation().id();
        Set<Integer> indices = new LinkedHashSet<>();
        if (context.diagnosis().isPresent()) {
            DiagnosisReport report = context.diagnosis().get();
            Set<String> labels = new LinkedHashSet<>();
            for (PlannedRemediation planned : report.plan().remediations()) {
                if (planned.remediation().id().equals(id)) {
                    labels.add(planned.chosenBy());
                    labels.addAll(planned.alsoChosenBy());
                }
            }
            for (MatchedDecision matched : report.plan().matched()) {
                if (labels.contains(matched.label()) && matched.remediationIds().contains(id)) {
                    indices.add(matched.index());
                }
            }
        }
        if (indices.isEmpty()) {
            List<DecisionSpec> tree = context.runbook().decisionTree();
            for (int i = 0; i < tree.size(); i++) {
                if (tree.get(i).then().contains(id)) {
                    indices.add(i);
                }
            }
        }
        return indices;
    }

    private static List<DiagnosticSpec> stepsToRun(
            RunbookSpec runbook, List<CompiledDecision> deciding, boolean stepsKnown) {
        Set<String> read = new LinkedHashSet<>();
        deciding.forEach(d -> read.addAll(d.condition().selectedFields(DecisionScope.DIAGNOSTICS)));
        List<DiagnosticSpec> selected = runbook.diagnostics().stream()
                .filter(step -> read.contains(step.id()))
                .toList();
        return stepsKnown && !selected.isEmpty() ? selected : runbook.diagnostics();
    }

    private Verification verdict(
            IncidentId incidentId,
            RunId runId,
            String remediationId,
            List<CompiledDecision> deciding,
            DiagnosisReport after,
            List<StepComparison> steps) {
        List<String> stillHolding = new ArrayList<>();
        List<String> notEvaluated = new ArrayList<>();
        for (CompiledDecision decision : deciding) {
            if (decision.spec().fallback()) {
                // an else branch holds exactly when nothing else does: its holding says nothing of recovery
                continue;
            }
            for (MatchedDecision matched : after.plan().matched()) {
                if (matched.index() == decision.index()) {
                    stillHolding.add("decision '" + decision.label() + "' still holds");
                }
            }
            for (UnmatchedDecision unmatched : after.plan().unmatched()) {
                if (unmatched.index() == decision.index() && unmatched.evaluationFailed()) {
                    notEvaluated.add("decision '" + decision.label() + "' " + unmatched.reason());
                }
            }
        }
        List<String> critical = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (DiagnosticResult result : after.results()) {
            if (result.status() == DiagnosticStatus.CRITICAL) {
                critical.add("step " + result.stepId() + " is critical: " + result.reason());
            } else if (result.status() == DiagnosticStatus.ERROR || result.status() == DiagnosticStatus.UNKNOWN) {
                unread.add("step " + result.stepId() + " is " + result.status().label() + ": " + result.reason());
            }
        }
        Verification.Verdict verdict;
        String reason;
        if (!stillHolding.isEmpty() || !critical.isEmpty()) {
            verdict = Verification.Verdict.NOT_RECOVERED;
            reason = join(stillHolding, critical);
        } else if (!notEvaluated.isEmpty() || !unread.isEmpty()) {
            verdict = Verification.Verdict.INCONCLUSIVE;
            reason = "cannot tell: " + join(notEvaluated, unread);
        } else {
            verdict = Verification.Verdict.RECOVERED;
            reason = deciding.isEmpty()
                    ? "no step is critical (no decision names " + remediationId
                            + ", so only step statuses were checked)"
                    : deciding.stream().map(d -> "decision '" + d.label() + "'").collect(Collectors.joining(", "))
                            + (deciding.size() == 1 ? " no longer holds" : " no longer hold")
                            + " and no step is critical";
        }
        return new Verification(
                incidentId,
                runId,
                remediationId,
                verdict,
                mask.apply(reason),
                deciding.stream().map(CompiledDecision::label).toList(),
                steps,
                clock.instant());
    }

    /** A re-run step's statuses, every text masked before it is stored. */
    private RecoveryCheckDetail.Step step(StepComparison step) {
        return new RecoveryCheckDetail.Step(
                mask.apply(step.stepId()),
                step.before().map(b -> mask.apply(b.status().label())).orElse(null),
                step.before().map(b -> mask.apply(b.reason())).orElse(null),
                mask.apply(step.after().status().label()),
                mask.apply(step.after().reason()),
                mask.apply(step.after().evidence()));
    }

    private static String join(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return String.join("; ", all);
    }

    private void record(Verification v) {
        String verdict = v.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        String summary = "recovery check after " + v.remediationId() + " (" + v.runId() + "): " + verdict + " — "
                + v.reason()
                + (v.steps().isEmpty()
                        ? ""
                        : " ["
                                + v.steps().stream()
                                        .map(StepComparison::describe)
                                        .collect(Collectors.joining(", "))
                                + "]");
        RecoveryCheckDetail detail = new RecoveryCheckDetail(
                mask.apply(v.remediationId()),
                mask.apply(v.verdict().name()),
                mask.apply(v.reason()),
                v.decisions().stream().map(mask).toList(),
                v.steps().stream().map(this::step).toList());
        try {
            store.append(new NewTimelineEvent(
                    v.incidentId(),
                    Optional.of(v.runId()),
                    v.at(),
                    TimelineKind.DIAGNOSTIC,
                    RemediationLifecycle.BOT,
                    mask.apply(summary),
                    TimelineDetails.write(detail)));
        } catch (RuntimeException e) {
            log.warn("could not record the recovery check of {} in the timeline", v.runId(), e);
        }
    }
}

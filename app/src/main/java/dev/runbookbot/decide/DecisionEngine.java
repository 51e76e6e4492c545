package dev.runbookbot.decide;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.TimelineEntry;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DecisionMatch;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates a runbook's decision tree over all results of a run and turns the branches that hold into a
 * {@link Plan}. By default every branch is evaluated (a tree is a list of rules); with {@code decisionMatch: first}
 * the first branch that holds wins and the rest are not evaluated. An {@code else} branch holds when no branch before
 * it did (a branch that could not be evaluated did not hold). The plan lists each remediation once, in the order the
 * branches and their {@code then} lists name them. A branch whose condition cannot be evaluated does not match, and
 * the plan says why. Stateless apart from its clock; thread-safe.
 */
public final class DecisionEngine {
    private final Clock clock;

    public DecisionEngine(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Plan decide(
            RunbookSpec runbook,
            List<CompiledDecision> decisions,
            List<DiagnosticResult> results,
            TemplateContext inputs) {
        Map<String, Map<String, Object>> steps = DecisionScope.steps(runbook, results);
        Map<String, Object> variables = DecisionScope.variables(steps, runbook.severity(), inputs);
        List<DiagnosticStatus> statuses = DecisionScope.statuses(steps);
        OverallSeverity severity = OverallSeverity.of(statuses);

        List<TimelineEntry> timeline = new ArrayList<>(resultEvents(runbook, results));
        Instant now = clock.instant();
        List<MatchedDecision> matched = new ArrayList<>();
        List<UnmatchedDecision> unmatched = new ArrayList<>();
        Map<String, PlanEntry> plan = new LinkedHashMap<>();

        boolean firstMatch = runbook.decisionMatch() == DecisionMatch.FIRST;
        boolean anyHeld = false;
        for (CompiledDecision decision : decisions) {
            String label = decision.label();
            boolean fallback = decision.spec().fallback();
            String condition = fallback ? "else" : decision.condition().canonical();
            if (anyHeld && (fallback || firstMatch)) {
                String reason = fallback
                        ? "an earlier branch held"
                        : "not evaluated: an earlier branch held (decisionMatch: first)";
                unmatched.add(new UnmatchedDecision(decision.index(), label, condition, reason, false));
                continue;
            }
            boolean holds;
            try {
                holds = decision.condition().evaluate(variables);
            } catch (ConditionException e) {
                String reason = "could not be evaluated: " + e.getMessage() + stepsNotRead(decision, steps);
                unmatched.add(new UnmatchedDecision(decision.index(), label, condition, reason, true));
                timeline.add(new TimelineEntry(now, "decision '" + label + "' " + reason));
                continue;
            }
            if (!holds) {
                unmatched.add(new UnmatchedDecision(decision.index(), label, condition, "condition is false", false));
                continue;
            }
            anyHeld = true;
            List<String> ids = decision.spec().then();
            matched.add(
                    new MatchedDecision(decision.index(), label, decision.spec().description(), condition, ids));
            timeline.add(new TimelineEntry(
                    now,
                    "decision '" + label + "' matched"
                            + (fallback ? " (else: no branch before it held)" : "")
                            + (ids.isEmpty() ? "" : ": proposes " + String.join(", ", ids))));
            for (String id : ids) {
                Optional<RemediationSpec> remediation = runbook.remediation(id);
                if (remediation.isEmpty()) {
                    timeline.add(new TimelineEntry(
                            now, "decision '" + label + "' names unknown remediation '" + id + "'; skipped"));
                    continue;
                }
                PlanEntry entry = plan.get(id);
                if (entry == null) {
                    plan.put(id, new PlanEntry(remediation.get(), label));
                } else if (!entry.chosenBy.equals(label) && !entry.alsoChosenBy.contains(label)) {
                    entry.alsoChosenBy.add(label);
                }
            }
        }

        List<PlannedRemediation> remediations = plan.values().stream()
                .map(e -> new PlannedRemediation(e.remediation, e.chosenBy, e.alsoChosenBy))
                .toList();
        timeline.add(new TimelineEntry(now, "overall severity: " + severity.label() + countsOf(statuses)));
        timeline.add(new TimelineEntry(
                now,
                remediations.isEmpty()
                        ? "plan: no remediation proposed"
                        : "plan: "
                                + remediations.stream()
                                        .map(r -> r.remediation().id() + " (by '" + r.chosenBy() + "')")
                                        .collect(Collectors.joining(", "))));
        return new Plan(severity, remediations, matched, unmatched, timeline, now);
    }

    /** Steps the condition reads that have no usable reading, with why: the usual cause of a failed evaluation. */
    private static String stepsNotRead(CompiledDecision decision, Map<String, Map<String, Object>> steps) {
        List<String> notes = new ArrayList<>();
        for (String id : decision.condition().selectedFields(DecisionScope.DIAGNOSTICS)) {
            Map<String, Object> step = steps.get(id);
            if (step == null) {
                notes.add("no step '" + id + "' in this runbook");
                continue;
            }
            Object status = step.get(DecisionScope.STATUS);
            if (DiagnosticStatus.ERROR.label().equals(status)
                    || DiagnosticStatus.UNKNOWN.label().equals(status)) {
                notes.add("step " + id + " is " + status + ": " + step.get(DecisionScope.REASON));
            }
        }
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    /**
     * "Finished" events for each result (a skip included), in the order they finished, and for each step that waited for
     * the steps it needs, when it started after them.
     */
    private static List<TimelineEntry> resultEvents(RunbookSpec runbook, List<DiagnosticResult> results) {
        List<TimelineEntry> events = new ArrayList<>(results.size() + 1);
        results.stream()
                .map(DiagnosticResult::startedAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .ifPresent(start -> events.add(new TimelineEntry(
                        start, "diagnostics started: " + results.size() + (results.size() == 1 ? " step" : " steps"))));
        List<TimelineEntry> finished = new ArrayList<>();
        for (DiagnosticResult r : results) {
            if (r.startedAt() == null) {
                continue;
            }
            runbook.diagnostic(r.stepId())
                    .filter(spec -> !spec.needs().isEmpty())
                    .ifPresent(spec -> finished.add(new TimelineEntry(
                            r.startedAt(), r.stepId() + " waited for " + String.join(", ", spec.needs()))));
        }
        events.addAll(finished);
        results.stream()
                .filter(r -> r.startedAt() != null)
                .sorted(Comparator.comparing(DecisionEngine::finishedAt))
                .forEach(r -> events.add(new TimelineEntry(
                        finishedAt(r), r.stepId() + ": " + r.status().label() + " — " + r.reason())));
        return events;
    }

    private static Instant finishedAt(DiagnosticResult result) {
        return result.duration() == null
                ? result.startedAt()
                : result.startedAt().plus(result.duration());
    }

    private static String countsOf(List<DiagnosticStatus> statuses) {
        if (statuses.isEmpty()) {
            return " (no results)";
        }
        Map<DiagnosticStatus, Integer> counts = new EnumMap<>(DiagnosticStatus.class);
        statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** A remediation being planned, before the plan is frozen. */
    private static final class PlanEntry {
        private final RemediationSpec remediation;
        private final String chosenBy;
        private final List<String> alsoChosenBy = new ArrayList<>();

        PlanEntry(RemediationSpec remediation, String chosenBy) {
            this.remediation = remediation;
            this.chosenBy = chosenBy;
        }
    }
}

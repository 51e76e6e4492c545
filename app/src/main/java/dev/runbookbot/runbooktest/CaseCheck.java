package dev.runbookbot.runbooktest;

import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.HandOffBinder;
import dev.runbookbot.runbook.HandOffSpec;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what a runbook concluded in one case with what the case expects, and says, per key, what was expected and
 * what came. Also refuses results that do not describe the runbook: a step with no recorded result, a recorded step
 * the runbook does not have, and recorded facts that do not fit the step's type (the recorded executor turns those
 * into a configuration error, which must not pass for a real outcome).
 */
public final class CaseCheck {
    private CaseCheck() {}

    /** One difference, where the expectation that failed was written. */
    public record Mismatch(SourceLocation location, String message) {}

    /**
     * Recorded steps the runbook does not have, before running. (A step the runbook has but the case does not record
     * is caught after the run, and only if it ran: a step whose {@code when} is false reads nothing.)
     */
    public static List<Mismatch> recorded(TestCase testCase, RunbookSpec runbook) {
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> ids =
                runbook.diagnostics().stream().map(DiagnosticSpec::id).toList();
        for (String id : testCase.results().steps().keySet()) {
            if (!ids.contains(id)) {
                mismatches.add(new Mismatch(
                        testCase.location(),
                        "results name step '" + id + "', which runbook " + runbook.id() + " does not have"
                                + ClosestNames.best(id, ids)
                                        .map(b -> " (did you mean " + b + "?)")
                                        .orElse("")));
            }
        }
        return mismatches;
    }

    /** The differences between the report (and the runbook the alert started, if any) and the expectation. */
    public static List<Mismatch> compare(TestCase testCase, Optional<RunbookSpec> routed, DiagnosisReport report) {
        CaseExpectation expect = testCase.expect();
        List<Mismatch> mismatches = new ArrayList<>();
        for (DiagnosticResult result : report.results()) {
            Optional<Outcome> recorded = testCase.results().step(result.stepId());
            if (result.failure().filter(k -> k == FailureKind.CONFIGURATION).isEmpty()) {
                continue;
            }
            if (recorded.isEmpty()) {
                mismatches.add(new Mismatch(
                        testCase.location(),
                        "step " + result.stepId() + " ran but has no recorded result (record what it observed, or"
                                + " how it failed with error: TIMEOUT, UNREACHABLE, ...)"));
            } else if (recorded.get() instanceof Outcome.Observed) {
                mismatches.add(
                        new Mismatch(testCase.location(), "results." + result.stepId() + ": " + result.reason()));
            }
        }
        expect.runbook().ifPresent(id -> {
            String got = routed.map(RunbookSpec::id).orElse("no runbook");
            boolean same = routed.filter(r -> r.id().equals(id) || r.aliases().contains(id))
                    .isPresent();
            if (!same) {
                mismatches.add(new Mismatch(
                        expect.locations().get("runbook"),
                        "runbook: expected the alert to start " + id + ", got " + got));
            }
        });
        for (Map.Entry<String, String> step : expect.steps().entrySet()) {
            Optional<DiagnosticResult> result = report.results().stream()
                    .filter(r -> r.stepId().equals(step.getKey()))
                    .findFirst();
            if (result.isEmpty()) {
                mismatches.add(new Mismatch(
                        expect.locations().get("steps"),
                        "steps." + step.getKey() + ": runbook "
                                + report.runbook().id() + " has no such step"));
            } else if (!result.get().status().label().equals(step.getValue())) {
                mismatches.add(new Mismatch(
                        expect.locations().get("steps"),
                        "steps." + step.getKey() + ": expected " + step.getValue() + ", got "
                                + result.get().status().label() + " ("
                                + result.get().reason() + ")"));
            }
        }
        expect.severity().ifPresent(severity -> {
            String got = report.plan().severity().label();
            if (!got.equals(severity)) {
                mismatches.add(new Mismatch(
                        expect.locations().get("severity"), "severity: expected " + severity + ", got " + got));
            }
        });
        expect.decisions().ifPresent(numbers -> {
            List<Integer> got = report.plan().matched().stream()
                    .map(MatchedDecision::index)
                    .map(i -> i + 1)
                    .sorted()
                    .toList();
            if (!got.equals(numbers.stream().sorted().toList())) {
                mismatches.add(new Mismatch(
                        expect.locations().get("decisions"),
                        "decisions: expected " + numbers + ", got " + got + unevaluated(report)));
            }
        });
        expect.plan().ifPresent(plan -> {
            List<String> got = report.plan().remediations().stream()
                    .map(p -> p.remediation().id())
                    .toList();
            if (!got.equals(plan)) {
                mismatches.add(new Mismatch(expect.locations().get("plan"), "plan: expected " + plan + ", got " + got));
            }
        });
        expect.handOff().ifPresent(target -> handOff(report, target, expect, mismatches));
        return mismatches;
    }

    /** The plan hands off to {@code target}, with {@code with} values that render over the case's inputs. */
    private static void handOff(
            DiagnosisReport report, String target, CaseExpectation expect, List<Mismatch> mismatches) {
        SourceLocation at = expect.locations().get("handoff");
        Optional<HandOffSpec> handOff =
                report.plan().handOff().flatMap(p -> p.remediation().handOff());
        if (handOff.isEmpty()) {
            mismatches.add(new Mismatch(at, "handoff: expected the plan to start " + target + ", got no hand-off"));
        } else if (!handOff.get().runbook().equals(target)) {
            mismatches.add(new Mismatch(
                    at,
                    "handoff: expected the plan to start " + target + ", got "
                            + handOff.get().runbook()));
        } else {
            try {
                HandOffBinder.render(handOff.get(), report.inputsWithResults());
            } catch (ParameterException e) {
                mismatches.add(new Mismatch(at, "handoff: " + target + " would not start: " + e.getMessage()));
            }
        }
    }

    /** Why decisions that could not be evaluated did not match: often the reason a case fails. */
    private static String unevaluated(DiagnosisReport report) {
        List<String> failed = report.plan().unmatched().stream()
                .filter(u -> u.evaluationFailed())
                .map(u -> "#" + (u.index() + 1) + " could not be evaluated: " + u.reason())
                .toList();
        return failed.isEmpty() ? "" : " (" + String.join("; ", failed) + ")";
    }
}

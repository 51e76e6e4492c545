package dev.runbookbot.cli;

import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.decide.UnmatchedDecision;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TextTemplates;
import dev.runbookbot.runbook.HandOffBinder;
import dev.runbookbot.runbook.HandOffSpec;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.text.DurationText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A diagnosis as text for a terminal: each step with its status, reason, evidence, details and duration; the decisions
 * that matched (and those that could not be evaluated, with why); the proposed remediations in order, who chose them,
 * whether they need approval and exactly what they would run; and the overall severity. Everything that came from
 * outside (evidence, details, reasons quoting output, alert values) is made terminal-safe first.
 */
final class ReportText {
    private static final String INDENT = "    ";

    private ReportText() {}

    /** The header: which runbook, which version, with which inputs. */
    static void header(PrintWriter out, DiagnosisReport report) {
        RunbookSpec runbook = report.runbook();
        out.println("Runbook " + runbook.id() + ": " + safe(runbook.name()) + " (severity " + runbook.severity()
                + ", version " + runbook.version() + ", " + runbook.source() + ")");
        out.println("Parameters: " + inline(report.inputs().params()));
        if (!report.inputs().labels().isEmpty()) {
            out.println("Alert labels: " + inline(report.inputs().labels()));
        }
    }

    /** Steps, decisions, plan and verdict. */
    static void body(PrintWriter out, DiagnosisReport report, List<Proposal> proposals) {
        List<DiagnosticResult> results = report.results();
        out.println();
        out.println("Diagnostics: " + results.size() + (results.size() == 1 ? " step" : " steps") + " in "
                + DurationText.format(report.took()));
        for (DiagnosticResult result : results) {
            step(out, result);
        }

        out.println();
        List<MatchedDecision> matched = report.plan().matched();
        out.println("Decisions matched: " + (matched.isEmpty() ? "none" : matched.size()));
        for (MatchedDecision decision : matched) {
            out.println("  " + (decision.index() + 1) + ". " + safe(decision.label()));
            out.println(INDENT + "when " + safe(decision.condition()));
            out.println(INDENT + "proposes "
                    + (decision.remediationIds().isEmpty() ? "nothing" : String.join(", ", decision.remediationIds())));
        }
        List<UnmatchedDecision> failed = report.plan().unmatched().stream()
                .filter(UnmatchedDecision::evaluationFailed)
                .toList();
        if (!failed.isEmpty()) {
            out.println("Decisions that could not be evaluated (they do not match):");
            for (UnmatchedDecision decision : failed) {
                out.println("  " + (decision.index() + 1) + ". " + safe(decision.label()));
                out.println(INDENT + safe(decision.reason()));
            }
        }

        out.println();
        if (proposals.isEmpty()) {
            out.println("Proposed remediations: none");
        } else {
            out.println("Proposed remediations, in order (proposals only: nothing was run):");
        }
        int n = 1;
        for (Proposal proposal : proposals) {
            proposal(out, n++, proposal, report.runbook(), report.inputsWithResults());
        }

        out.println();
        out.println("Overall severity: " + report.plan().severity().name().toLowerCase(Locale.ROOT));
    }

    private static void step(PrintWriter out, DiagnosticResult result) {
        out.println("  " + pad(result.status().label().toUpperCase(Locale.ROOT), 9) + result.stepId() + " ("
                + safe(result.name()) + ", " + result.type().yamlName() + ") in "
                + DurationText.format(result.duration()));
        out.println(INDENT + "reason:   " + safe(result.reason()));
        if (!result.evidence().isBlank()) {
            out.println(INDENT + "evidence: " + safe(result.evidence()));
        }
        if (!result.details().isEmpty()) {
            out.println(INDENT + "details:");
            for (String detail : result.details()) {
                out.println(INDENT + "  " + safe(detail));
            }
        }
    }

    /** "db-pool-exhaustion with database=orders", or why the parameters cannot be rendered. */
    static String handOffText(Proposal proposal, TemplateContext inputs) {
        HandOffSpec handOff = proposal.remediation().handOff().orElseThrow();
        try {
            Map<String, String> with = HandOffBinder.render(handOff, inputs);
            return handOff.runbook()
                    + (with.isEmpty()
                            ? ""
                            : " with "
                                    + String.join(
                                            ", ",
                                            with.entrySet().stream()
                                                    .map(e -> e.getKey() + "=" + e.getValue())
                                                    .toList()));
        } catch (ParameterException e) {
            return handOff.runbook() + " (its parameters cannot be rendered: " + e.getMessage() + ")";
        }
    }

    private static void proposal(
            PrintWriter out, int n, Proposal proposal, RunbookSpec runbook, TemplateContext inputs) {
        out.println("  " + n + ". " + proposal.remediation().id() + ": "
                + safe(proposal.remediation().name()) + " [" + proposal.howText() + "]");
        out.println(INDENT + "chosen by: " + safe(proposal.planned().chosenBy()));
        for (String also : proposal.planned().alsoChosenBy()) {
            out.println(INDENT + "also chosen by: " + safe(also));
        }
        proposal.instructions().ifPresent(text -> {
            out.println(INDENT + "instructions:");
            text.strip().lines().forEach(line -> out.println(INDENT + "  " + safe(line)));
        });
        proposal.action().ifPresent(action -> {
            out.println(INDENT + "would run: " + action.type());
            action.lines().forEach(line -> out.println(INDENT + "  " + line));
        });
        proposal.loop().ifPresent(loop -> {
            out.println(INDENT + "would run " + loop.summary() + ":");
            loop.problem().ifPresent(why -> out.println(INDENT + "  nothing: " + safe(why)));
            for (int i = 0; i < loop.actions().size(); i++) {
                ActionText action = loop.actions().get(i);
                out.println(INDENT + "  [" + (i + 1) + "/" + loop.actions().size() + "] "
                        + safe(loop.labels().get(i)) + ": " + action.type());
                action.lines().forEach(line -> out.println(INDENT + "    " + line));
            }
            loop.until().ifPresent(until -> out.println(INDENT + "  " + safe(until)));
        });
        if (proposal.remediation().handOff().isPresent()) {
            out.println(INDENT + "would hand off to: " + safe(handOffText(proposal, inputs)));
        } else if (proposal.remediation().reason().isPresent()) {
            out.println(INDENT + "would suppress, expected: "
                    + safe(TextTemplates.render(proposal.remediation().reason().get(), inputs)));
        } else if (proposal.remediation().action().isEmpty()
                && proposal.remediation().instructions().isEmpty()) {
            out.println(INDENT + "would escalate to: " + escalationTargets(runbook));
        }
    }

    /** "#incidents-payment, then #sre-escalation after 15 min", or why there is none. */
    static String escalationTargets(RunbookSpec runbook) {
        if (runbook.escalation() == null) {
            return "(the runbook names no escalation target)";
        }
        return safe(runbook.escalation().primary())
                + runbook.escalation()
                        .secondary()
                        .map(s -> ", then " + safe(s) + " after "
                                + runbook.escalation().escalateAfterMinutes() + " min")
                        .orElse("");
    }

    static String inline(Map<String, ?> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        return values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + safe(String.valueOf(e.getValue())))
                .collect(Collectors.joining(", "));
    }

    static String safe(String text) {
        return text == null ? "" : TextTable.terminalSafe(text);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}

package dev.runbookbot.slack.render;

import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.decide.UnmatchedDecision;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The decision summary in an incident's thread: the overall verdict, each decision that matched with what it proposes,
 * each decision that could not be evaluated (it read a step that errored) with why, and the ones that did not hold.
 * When nothing matched it says so and where the incident escalates. Decision labels and conditions are the runbook's
 * own text, escaped all the same; reasons may quote step output.
 */
public final class PlanMessage {
    private PlanMessage() {}

    public static SlackMessage render(Incident incident, RunbookSpec runbook, Plan plan) {
        MessageBuilder message = MessageBuilder.message(IncidentMessage.fullRecord(incident));
        appendTo(message, runbook, plan);
        return message.build(fallback(incident, plan));
    }

    /** The notification text of the verdict. */
    static String fallback(Incident incident, Plan plan) {
        return incident.id() + " verdict: " + plan.severity().label() + ", "
                + plan.remediations().size() + " remediation(s) proposed";
    }

    /** Adds the verdict and the decisions to {@code message} (which may hold more than the plan). */
    static void appendTo(MessageBuilder message, RunbookSpec runbook, Plan plan) {
        message.mrkdwnSection(StatusMarks.of(plan.severity()) + " *Verdict: "
                + plan.severity().label() + "*" + proposals(plan));
        for (MatchedDecision matched : plan.matched()) {
            String proposes =
                    matched.remediationIds().stream().map(Mrkdwn::inlineCode).collect(Collectors.joining(", "));
            message.mrkdwnSection(":white_check_mark: *" + Mrkdwn.escape(matched.label()) + "*\nmatched "
                    + Mrkdwn.inlineCode(matched.condition()) + (proposes.isEmpty() ? "" : "\nproposes " + proposes));
        }
        for (UnmatchedDecision failed : plan.unmatched()) {
            if (failed.evaluationFailed()) {
                message.mrkdwnSection(":warning: *" + Mrkdwn.escape(failed.label()) + "* could not be evaluated: "
                        + Mrkdwn.escape(failed.reason()));
            }
        }
        List<String> notMatched = plan.unmatched().stream()
                .filter(u -> !u.evaluationFailed())
                .map(u -> Mrkdwn.escape(u.label()))
                .toList();
        if (!notMatched.isEmpty()) {
            message.context("Did not match: " + String.join("; ", notMatched));
        }
        if (plan.remediations().isEmpty()) {
            message.mrkdwnSection("No decision proposes a remediation, so nothing is offered here. Escalation: "
                    + Mrkdwn.escape(runbook.escalation().primary())
                    + runbook.escalation()
                            .secondary()
                            .map(s -> ", then " + Mrkdwn.escape(s))
                            .orElse("")
                    + " after " + runbook.escalation().escalateAfterMinutes() + " min without acknowledgement.");
        }
    }

    private static String proposals(Plan plan) {
        List<PlannedRemediation> planned = plan.remediations();
        if (planned.isEmpty()) {
            return "";
        }
        return "\nProposed, in order: "
                + planned.stream()
                        .map(p -> Mrkdwn.escape(p.remediation().name()))
                        .collect(Collectors.joining(" → "));
    }
}

package dev.runbookbot.slack.render;

import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.RunTransition;
import dev.runbookbot.runbook.ApprovalWording;
import dev.runbookbot.runbook.PreconditionSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One remediation in an incident's thread, as the person deciding on it needs to see it: what it is for, exactly what
 * will run ({@link RemediationRun#preview()}, secrets already masked), on which service and environment, the approvals
 * so far and still needed, and the deadline. The buttons depend on the run's state: Approve and Reject while proposed
 * (Approve asks for confirmation first when the action changes something: restarts, rollbacks, scaling, node
 * cordons and drains, cache flushes,
 * scripts and HTTP requests), Run for an approved safe action the bot did not start by itself, Done for a manual step.
 * Once decided, the buttons are gone and the message says who decided and when.
 *
 * <p>Every button carries only the run id; whether the person clicking may act is checked when the click arrives.
 */
public final class RemediationMessage {
    /** Actions that change the target, whose approval asks "are you sure?" first. */
    static final Set<String> DESTRUCTIVE = Set.of(
            "restart_service",
            "rollback",
            "scale_up",
            "cordon",
            "uncordon",
            "drain",
            "flush_cache",
            "run_script",
            "http_request");

    private static final String CHOSEN_BY = "chosen by ";

    private RemediationMessage() {}

    public static SlackMessage render(RemediationView view) {
        MessageBuilder message = MessageBuilder.message(IncidentMessage.fullRecord(view.incident()));
        appendTo(message, view);
        return message.build(view.incident().id() + " " + view.remediation().name() + ": "
                + StatusMarks.words(view.run().state()));
    }

    /** Adds the remediation, its state and its buttons to {@code message} (which may hold more than this run). */
    static void appendTo(MessageBuilder message, RemediationView view) {
        RemediationRun run = view.run();
        RemediationSpec remediation = view.remediation();
        message.header(remediation.name());
        String chosenBy = chosenBy(view);
        message.mrkdwnSection(Mrkdwn.escape(remediation.description())
                + (chosenBy.isEmpty() ? "" : "\n_Proposed because: " + Mrkdwn.escape(chosenBy) + "_"));
        if (remediation.type() == RemediationType.MANUAL) {
            message.mrkdwnSection("*What to do* (by hand)\n" + Mrkdwn.escape(instructions(run, remediation)));
        } else {
            List<String> parts = previewParts(run.preview());
            message.mrkdwnSection("*What will run*\n" + Mrkdwn.codeBlock(parts.get(0)));
            parts.subList(1, parts.size()).forEach(part -> message.mrkdwnSection(Mrkdwn.codeBlock(part)));
        }
        preconditions(remediation).ifPresent(message::mrkdwnSection);
        if (remediation.type() == RemediationType.ESCALATE) {
            message.mrkdwnSection("*Approval:* this escalation "
                    + Mrkdwn.escape(ApprovalWording.of(remediation, run.requiredApprovals())));
        }
        message.context("Target: *" + Mrkdwn.escape(view.incident().service()) + "* in *"
                + Mrkdwn.escape(view.incident().environment()) + "* · " + Mrkdwn.inlineCode(run.action()) + " · "
                + run.id() + " · " + view.incident().id());
        message.mrkdwnSection(status(run));
        List<Button> buttons = buttons(view);
        if (!buttons.isEmpty()) {
            message.actions(run.id().toString(), buttons);
        }
    }

    /** Text per code block, so that a section holds it whole. */
    private static final int PREVIEW_PART = 2_400;

    /** The most code blocks a preview takes: a loop's approval lists every target (at most 100). */
    private static final int PREVIEW_PARTS = 12;

    /**
     * The preview cut at line ends into parts that each fit a section, so that a long one (a {@code forEach} over many
     * targets) is shown whole instead of truncated; beyond {@value #PREVIEW_PARTS} parts the last says what is left.
     */
    static List<String> previewParts(String preview) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String line : preview.split("\n", -1)) {
            if (part.length() > 0 && part.length() + line.length() + 1 > PREVIEW_PART) {
                parts.add(part.toString());
                part.setLength(0);
            }
            part.append(part.length() > 0 ? "\n" : "").append(line);
        }
        parts.add(part.toString());
        if (parts.size() > PREVIEW_PARTS) {
            int left = parts.size() - PREVIEW_PARTS + 1;
            parts = new java.util.ArrayList<>(parts.subList(0, PREVIEW_PARTS - 1));
            parts.add("(" + left + " more parts are not shown: a message holds so much)");
        }
        return parts;
    }

    /**
     * What the remediation waits for ({@code after}) and what is checked again right before it runs ({@code require}),
     * when it has either.
     */
    private static java.util.Optional<String> preconditions(RemediationSpec remediation) {
        PreconditionSpec preconditions = remediation.preconditions();
        List<String> lines = new java.util.ArrayList<>();
        if (!preconditions.after().isEmpty()) {
            lines.add("*Runs only after:* "
                    + preconditions.after().stream().map(Mrkdwn::inlineCode).collect(Collectors.joining(" and "))
                    + " succeeded in this incident; until then Approve is refused");
        }
        preconditions
                .require()
                .ifPresent(require -> lines.add("*Checked again before it runs:* " + Mrkdwn.inlineCode(require)
                        + " (the steps it reads run again; if it no longer holds, nothing runs)"));
        return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("\n", lines));
    }

    /**
     * A manual step's instructions with their placeholders filled, as stored in its preview when it was proposed (after
     * the first line, which names the step); the runbook's own text when the preview has none.
     */
    private static String instructions(RemediationRun run, RemediationSpec remediation) {
        int firstLine = run.preview().indexOf('\n');
        if (run.preview().startsWith("manual step: ") && firstLine > 0) {
            return run.preview().substring(firstLine + 1);
        }
        return remediation.instructions().orElse(remediation.description());
    }

    /** The decision that proposed it, as given when it was first shown, else as recorded when it was proposed. */
    private static String chosenBy(RemediationView view) {
        if (!view.chosenBy().isBlank()) {
            return view.chosenBy();
        }
        String reason = view.run().transitions().get(0).reason();
        return reason.startsWith(CHOSEN_BY) ? reason.substring(CHOSEN_BY.length()) : "";
    }

    /**
     * The run's status line. A reason can carry text from outside (a diagnostic's value read by a precondition, an
     * action's error), so it is shown on one line: a line feed in it cannot start a line that reads like the bot's own
     * ("*Approved* by ...").
     */
    static String status(RemediationRun run) {
        RunTransition last = run.lastTransition();
        String mark = StatusMarks.of(run.state()) + " ";
        String when = UtcTime.of(last.at());
        return switch (run.state()) {
            case PROPOSED ->
                mark + "*Waiting for approval:* " + run.approvals().size() + " of " + run.requiredApprovals()
                        + approvals(run)
                        + run.approvalDeadline()
                                .map(d -> "\nApprove by " + UtcTime.of(d) + "; after that it expires.")
                                .orElse("");
            case APPROVED ->
                run.approvals().isEmpty()
                        ? mark + "*Ready:* " + Mrkdwn.escape(oneLine(last.reason()))
                        : mark + "*Approved* by " + approvers(run) + " at " + when;
            case REJECTED -> mark + "*Rejected* by " + ActorText.of(last.actor()) + " at " + when;
            case EXPIRED -> mark + "*Expired* at " + when + ": nobody decided before the deadline" + approvals(run);
            case RUNNING ->
                mark + "*Running* since " + when
                        + (run.approvals().isEmpty() ? "" : " (approved by " + approvers(run) + ")");
            case SUCCEEDED ->
                mark + "*Done* at " + when + " by " + ActorText.of(last.actor())
                        + (run.approvals().isEmpty() ? "" : " (approved by " + approvers(run) + ")");
            case FAILED -> mark + "*Failed* at " + when + ": " + Mrkdwn.escape(oneLine(last.reason()));
            case INTERRUPTED ->
                mark + "*Interrupted* at " + when + ": " + Mrkdwn.escape(oneLine(last.reason()))
                        + ". Its effect is unknown: check the target before trying again.";
            case CANCELLED ->
                mark + "*Cancelled* at " + when + ": " + Mrkdwn.escape(oneLine(last.reason())) + ". It did not run.";
        };
    }

    private static String approvals(RemediationRun run) {
        if (run.approvals().isEmpty()) {
            return "";
        }
        return " ("
                + run.approvals().stream()
                        .map(a -> ActorText.of(a.approver()) + " at " + UtcTime.of(a.at()))
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static String approvers(RemediationRun run) {
        return run.approvals().stream()
                .map(Approval::approver)
                .map(ActorText::of)
                .collect(Collectors.joining(", "));
    }

    private static List<Button> buttons(RemediationView view) {
        RemediationRun run = view.run();
        String value = run.id().toString();
        RemediationSpec remediation = view.remediation();
        if (run.state() == RunState.PROPOSED) {
            Button approve = Button.of(IncidentActions.APPROVE, approveText(remediation), value)
                    .primary();
            if (DESTRUCTIVE.contains(run.action())) {
                approve = approve.withConfirm(new ConfirmDialog(
                        "Approve " + remediation.name() + "?",
                        "This runs " + run.action() + " on " + view.incident().service() + " in "
                                + view.incident().environment() + ": " + oneLine(run.preview()),
                        "Approve",
                        "Cancel"));
            }
            return List.of(
                    approve, Button.of(IncidentActions.REJECT, "Reject", value).danger());
        }
        if (run.state() == RunState.APPROVED) {
            if (remediation.type() == RemediationType.MANUAL) {
                return List.of(Button.of(IncidentActions.DONE, "Done", value).primary());
            }
            if (remediation.type() == RemediationType.AUTOMATED
                    && !remediation.safety().needsHuman()) {
                return List.of(Button.of(IncidentActions.RUN, "Run", value).primary());
            }
            if (remediation.type() == RemediationType.AUTOMATED
                    && remediation.preconditions().require().isPresent()) {
                // approved but not started (another run held the target, or the bot restarted): it may be started,
                // and its precondition is checked again then (a run it refuses is cancelled)
                return List.of(Button.of(IncidentActions.RUN, "Run (checks again)", value)
                        .primary());
            }
        }
        if ((run.state() == RunState.EXPIRED || run.state() == RunState.REJECTED || run.state() == RunState.CANCELLED)
                && view.incident().isOpen()) {
            // a run cancelled while its incident stays open did not run because its precondition no longer held
            return List.of(Button.of(IncidentActions.PROPOSE_AGAIN, "Propose again", value));
        }
        return List.of();
    }

    /** "Approve", or what it waits for: "Approve (after cordon_node)", within Slack's button limit. */
    static String approveText(RemediationSpec remediation) {
        List<String> after = remediation.preconditions().after();
        if (after.isEmpty()) {
            return "Approve";
        }
        String text = "Approve (after " + String.join(", ", after) + ")";
        return text.length() <= BlockKitLimits.BUTTON_TEXT
                ? text
                : text.substring(0, BlockKitLimits.BUTTON_TEXT - 2) + "…)";
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}

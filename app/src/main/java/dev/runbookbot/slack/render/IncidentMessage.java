package dev.runbookbot.slack.render;

import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent message of an incident's thread: what it is (title, runbook, service, severity, environment), where it
 * stands now, who started it and who is on it, with an "I'm on it" button until someone acknowledges it and, while it
 * is open, Resolve, Re-run diagnostics and Escalate. The bot edits
 * this one message on every change of state, so the channel keeps one line per incident. The title and environment may
 * come from an alert and are escaped; the title is a plain-text header, never parsed.
 */
public final class IncidentMessage {
    private IncidentMessage() {}

    /** The command that shows the incident's full record, the pointer every cut text ends with. */
    public static String fullRecord(Incident incident) {
        return "runbookctl timeline " + incident.id();
    }

    public static SlackMessage render(Incident incident, RunbookSpec runbook) {
        MessageBuilder message = MessageBuilder.message(fullRecord(incident));
        message.header(incident.title());
        String state = StatusMarks.of(incident.state()) + " *" + StatusMarks.words(incident.state()) + "*";
        StringBuilder facts = new StringBuilder()
                .append("*State:* ")
                .append(state)
                .append("\n*Runbook:* ")
                .append(Mrkdwn.inlineCode(incident.runbookId()))
                .append(" ")
                .append(Mrkdwn.escape(runbook.name()))
                .append("\n*Service:* ")
                .append(Mrkdwn.escape(incident.service()))
                .append("   *Severity:* ")
                .append(incident.severity().name())
                .append("   *Environment:* ")
                .append(Mrkdwn.escape(incident.environment()))
                .append("\n*Triggered by:* ")
                .append(ActorText.of(incident.triggeredBy()))
                .append(" ")
                .append(source(incident.source()));
        incident.acknowledgement().ifPresent(ack -> facts.append("\n*On it:* ")
                .append(ActorText.of(ack.by()))
                .append(" since ")
                .append(UtcTime.of(ack.at())));
        message.mrkdwnSection(facts.toString());
        message.context(incident.id() + " · opened " + UtcTime.of(incident.createdAt()) + " · full record: "
                + Mrkdwn.inlineCode(fullRecord(incident)));
        if (incident.isOpen()) {
            message.actions("incident-" + incident.id().value(), buttons(incident));
        }
        return message.build(incident.id() + " " + incident.title() + ": " + StatusMarks.words(incident.state()));
    }

    /**
     * While it is open: "I'm on it" until someone takes it, then Resolve, Re-run diagnostics (refused when the click
     * arrives while a diagnosis or a remediation runs) and Escalate (until it has escalated). Each names only the
     * incident; who may, and whether it can be done now, is decided when the click arrives.
     */
    private static List<Button> buttons(Incident incident) {
        String value = incident.id().toString();
        List<Button> buttons = new ArrayList<>();
        if (incident.acknowledgement().isEmpty()) {
            buttons.add(
                    Button.of(IncidentActions.ACKNOWLEDGE, "I'm on it", value).primary());
        }
        buttons.add(Button.of(IncidentActions.RESOLVE, "Resolve", value)
                .withConfirm(new ConfirmDialog(
                        "Resolve " + incident.id() + "?",
                        "The thread says who resolved it; /runbook reopen brings it back.",
                        "Resolve",
                        "Cancel")));
        buttons.add(Button.of(IncidentActions.RERUN, "Re-run diagnostics", value));
        if (incident.state() != IncidentState.ESCALATED) {
            buttons.add(Button.of(IncidentActions.ESCALATE, "Escalate", value).danger());
        }
        return buttons;
    }

    private static String source(IncidentSource source) {
        return switch (source) {
            case SLASH_COMMAND -> "with `/runbook run`";
            case CLI -> "with `runbookctl`";
            case ALERTMANAGER -> "(Alertmanager alert)";
            case PAGERDUTY -> "(PagerDuty incident)";
            case METRIC_THRESHOLD -> "(metric threshold)";
        };
    }
}

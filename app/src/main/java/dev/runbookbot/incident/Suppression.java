package dev.runbookbot.incident;

import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.SuppressionDetail;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TextTemplates;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.util.List;

/**
 * Carries out a plan's suppression ({@code type: suppress}): the alert is expected, so the incident ends with that
 * outcome. The reason (rendered over the incident's inputs) goes on the timeline and in the thread, and the incident
 * is resolved with it. What of the plan runs unattended (a safe action, such as a silence marked safe) has run
 * before; nothing that needs a person is proposed, and the note names what was not.
 */
final class Suppression {
    private final IncidentStore store;
    private final ChatGateway chat;
    private final Clock clock;

    Suppression(IncidentStore store, ChatGateway chat, Clock clock) {
        this.store = store;
        this.chat = chat;
        this.clock = clock;
    }

    /**
     * Records and shows why the alert is expected, and resolves {@code incident}; returns it as it is then. {@code
     * notProposed} names the plan's remediations that were left out (those that would have needed a person).
     */
    Incident suppress(
            Incident incident,
            RunbookSpec runbook,
            PlannedRemediation planned,
            TemplateContext context,
            List<String> notProposed) {
        String reason = TextTemplates.render(planned.remediation().reason().orElseThrow(), context);
        String skipped = String.join(", ", notProposed);
        String detail = TimelineDetails.write(
                new SuppressionDetail(runbook.id(), planned.remediation().id(), planned.chosenBy(), reason, skipped));
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant(),
                TimelineKind.DECISION,
                IncidentService.BOT,
                "suppressed, this alert is expected: " + reason + " ("
                        + planned.remediation().id() + ", chosen by '" + planned.chosenBy() + "')",
                detail));
        chat.note(
                incident,
                "Suppressed: this alert is expected. " + reason + " ("
                        + planned.remediation().name()
                        + ", chosen by '" + planned.chosenBy() + "')."
                        + (skipped.isEmpty() ? "" : " Not proposed: " + skipped + ".")
                        + " The incident is resolved.");
        TransitionResult<Incident> resolved = store.moveTo(
                incident.id(),
                IncidentState.RESOLVED,
                IncidentService.BOT,
                "suppressed, this alert is expected: " + reason);
        Incident now = resolved.appliedValue()
                .orElseGet(() -> store.incident(incident.id()).orElse(incident));
        chat.showIncident(now, runbook);
        return now;
    }
}

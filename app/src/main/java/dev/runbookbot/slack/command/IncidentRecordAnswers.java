package dev.runbookbot.slack.command;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.slack.render.ActorText;
import dev.runbookbot.slack.render.Mrkdwn;
import dev.runbookbot.slack.render.StatusMarks;
import dev.runbookbot.slack.render.UtcTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /runbook status [INC-n]} and {@code /runbook history [n]}: the open incidents, one incident with its
 * remediations and the latest of its timeline, or the last incidents, read from the record and escaped. Thread-safe
 * (the queries are).
 */
final class IncidentRecordAnswers {
    static final int STATUS_TIMELINE_ENTRIES = 8;
    static final int OPEN_INCIDENTS_SHOWN = 20;

    private final IncidentQueries records;

    IncidentRecordAnswers(IncidentQueries records) {
        this.records = records;
    }

    String openIncidents() {
        List<Incident> open = records.incidents(true, OPEN_INCIDENTS_SHOWN);
        if (open.isEmpty()) {
            return "No open incidents.";
        }
        return "*Open incidents*\n"
                + open.stream().map(IncidentRecordAnswers::line).collect(Collectors.joining("\n"));
    }

    String status(String typed) {
        IncidentId id;
        try {
            id = IncidentId.parse(typed);
        } catch (IllegalArgumentException e) {
            return ":warning: " + Mrkdwn.escape(e.getMessage());
        }
        Optional<Incident> found = records.incident(id);
        if (found.isEmpty()) {
            return ":warning: There is no incident " + id + ". `/runbook history` lists the latest.";
        }
        Incident incident = found.get();
        StringBuilder text = new StringBuilder(line(incident))
                .append("\nTriggered by ")
                .append(ActorText.of(incident.triggeredBy()))
                .append(incident.acknowledgement()
                        .map(a -> " · on it: " + ActorText.of(a.by()))
                        .orElse(""));
        List<RemediationRun> runs = records.runs(id);
        if (!runs.isEmpty()) {
            text.append("\n*Remediations*");
            for (RemediationRun run : runs) {
                text.append("\n")
                        .append(StatusMarks.of(run.state()))
                        .append(" ")
                        .append(Mrkdwn.inlineCode(run.remediationId()))
                        .append(" (")
                        .append(run.id())
                        .append("): ")
                        .append(StatusMarks.words(run.state()));
            }
        }
        List<TimelineEvent> timeline = records.timeline(id);
        if (!timeline.isEmpty()) {
            text.append("\n*Latest in the timeline*");
            for (TimelineEvent event :
                    timeline.subList(Math.max(0, timeline.size() - STATUS_TIMELINE_ENTRIES), timeline.size())) {
                text.append("\n")
                        .append(UtcTime.of(event.at()))
                        .append(" ")
                        .append(ActorText.of(event.actor()))
                        .append(": ")
                        .append(Mrkdwn.escape(event.summary().replace('\n', ' ')));
            }
        }
        return text.append("\nEverything: ")
                .append(Mrkdwn.inlineCode("runbookctl timeline " + id))
                .toString();
    }

    String history(int count) {
        List<Incident> latest = records.incidents(false, count);
        if (latest.isEmpty()) {
            return "No incidents yet.";
        }
        return "*The last " + latest.size() + " incidents*\n"
                + latest.stream().map(IncidentRecordAnswers::line).collect(Collectors.joining("\n"));
    }

    private static String line(Incident i) {
        return StatusMarks.of(i.state()) + " *" + i.id() + "* " + Mrkdwn.escape(i.title()) + " · "
                + StatusMarks.words(i.state()) + " · " + i.severity() + " · " + Mrkdwn.inlineCode(i.runbookId())
                + " · " + Mrkdwn.escape(i.environment()) + " · opened " + UtcTime.of(i.createdAt());
    }
}

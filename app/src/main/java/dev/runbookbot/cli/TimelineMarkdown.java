package dev.runbookbot.cli;

import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunTransition;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An incident as Markdown, ready to paste into a post-incident review: a header table (runbook and version, service,
 * severity, environment, source, who triggered it, state), the timeline in time order with its actors, and the
 * remediations with their approvals and outcome. Times are UTC.
 *
 * <p>Every value is escaped for a Markdown table cell: titles, summaries and actors come from alerts and chat, and must
 * not break the table, inject links or raw HTML.
 */
final class TimelineMarkdown {
    private TimelineMarkdown() {}

    static String render(Incident incident, List<TimelineEvent> timeline, List<RemediationRun> runs) {
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(incident.id())
                .append(": ")
                .append(escape(incident.title()))
                .append("\n\n");
        md.append("| | |\n|---|---|\n");
        field(md, "Runbook", incident.runbookId() + " (version " + incident.runbookVersion() + ")");
        field(md, "Service", incident.service());
        field(md, "Severity", incident.severity().name());
        field(md, "Environment", incident.environment());
        field(
                md,
                "Source",
                lower(incident.source().name())
                        + incident.dedupKey()
                                .map(key -> " (dedup key " + key + ")")
                                .orElse(""));
        field(md, "Triggered by", incident.triggeredBy());
        field(md, "Opened", Times.utc(incident.createdAt()) + " UTC");
        field(md, "State", lower(incident.state().name()) + " (since " + Times.utc(incident.updatedAt()) + " UTC)");
        incident.acknowledgement()
                .ifPresent(ack -> field(md, "Acknowledged", ack.by() + " at " + Times.utc(ack.at()) + " UTC"));
        incident.previousIncident().ifPresent(previous -> field(md, "Follows", previous.toString()));
        incident.thread().ifPresent(thread -> field(md, "Slack thread", thread.channel() + " / " + thread.ts()));

        md.append("\n## Timeline\n\n");
        if (timeline.isEmpty()) {
            md.append("No events recorded.\n");
        } else {
            md.append("| Time (UTC) | Kind | Actor | Event |\n|---|---|---|---|\n");
            for (TimelineEvent event : timeline) {
                md.append("| ")
                        .append(Times.utc(event.at()))
                        .append(" | ")
                        .append(lower(event.kind().name()))
                        .append(" | ")
                        .append(escape(event.actor()))
                        .append(" | ")
                        .append(escape(event.summary()))
                        .append(" |\n");
            }
        }

        if (!runs.isEmpty()) {
            md.append("\n## Remediations\n\n");
            md.append(
                    "| Run | Remediation | Action | Requested by | Approvals | Outcome |\n|---|---|---|---|---|---|\n");
            for (RemediationRun run : runs) {
                RunTransition last = run.lastTransition();
                String approvals = run.requiredApprovals() == 0
                        ? "not required"
                        : run.approvals().stream().map(Approval::approver).collect(Collectors.joining(", ")) + " ("
                                + run.approvals().size() + " of " + run.requiredApprovals() + ")";
                String outcome = lower(run.state().name()) + " at " + Times.utc(last.at()) + " by " + last.actor()
                        + ": " + last.reason();
                md.append("| ")
                        .append(run.id())
                        .append(" | ")
                        .append(escape(run.remediationId() + " (attempt " + run.attempt() + ")"))
                        .append(" | ")
                        .append(escape(run.action()))
                        .append(" | ")
                        .append(escape(run.requestedBy()))
                        .append(" | ")
                        .append(escape(approvals))
                        .append(" | ")
                        .append(escape(outcome))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static void field(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(escape(value)).append(" |\n");
    }

    private static String lower(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * Escapes text for one Markdown table cell: line breaks and other control characters become spaces, the characters
     * that end a cell or start formatting, links or HTML tags are backslash-escaped ({@code >} alone is harmless inside
     * a cell and stays readable in "open -> diagnosing").
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(' ');
            } else if ("\\|*_`[]<!~#".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

package dev.runbookbot.incident.escalation;

import dev.runbookbot.audit.NonBlank;

/**
 * What an escalation did: whether anyone was reached (a page accepted or a message posted) and, in one line for the
 * thread and the timeline, who and how. It holds no routing key or token.
 */
public record EscalationReport(boolean reached, String summary) {
    public EscalationReport {
        NonBlank.require(summary, "summary");
    }
}

package dev.runbookbot.audit;

import java.util.Objects;

/** The detail of the timeline entry an escalation records: the state the incident was in, the deadline, and why. */
public record EscalationDetail(String from, String deadline, String reason) implements TimelineDetail {
    public EscalationDetail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(reason, "reason");
    }
}

package dev.runbookbot.audit;

import java.util.Objects;

/**
 * The detail of the timeline entry an incident's state change records: the state it left, the state it entered, why,
 * and the escalation deadline it has afterwards ({@code escalationDeadline} is null when the change sets none; it is then
 * left out of the stored detail). States are the incident states' names ({@code DIAGNOSING}).
 */
public record StateChangeDetail(String from, String to, String reason, String escalationDeadline)
        implements TimelineDetail {
    public StateChangeDetail {
        Objects.requireNonNull(to, "to");
    }
}

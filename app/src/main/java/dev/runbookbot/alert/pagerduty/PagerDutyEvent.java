package dev.runbookbot.alert.pagerduty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code event} of a PagerDuty v3 webhook: its id (unique per event), type ({@code incident.triggered}, {@code
 * incident.acknowledged}, ...), resource type, when it happened ({@code occurred_at}, RFC 3339), who did it ({@code
 * agent}, null for automatic events), through which client, and the object it is about ({@code data}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PagerDutyEvent(
        String id,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("resource_type") String resourceType,
        @JsonProperty("occurred_at") String occurredAt,
        PagerDutyReference agent,
        PagerDutyClient client,
        PagerDutyEventData data) {}

package dev.runbookbot.alert.pagerduty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code event.data}: for {@code resource_type: incident} the incident ({@code type: incident}) with its number,
 * status, title, service, assignees, priority and urgency. Other event types carry other objects (an {@code
 * incident_note}, an {@code incident_responder}) that point to their incident through {@code incident}. Fields a type
 * does not have are null; unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PagerDutyEventData(
        String id,
        String type,
        String self,
        @JsonProperty("html_url") String htmlUrl,
        Long number,
        String status,
        @JsonProperty("incident_key") String incidentKey,
        @JsonProperty("created_at") String createdAt,
        String title,
        PagerDutyReference service,
        List<PagerDutyReference> assignees,
        PagerDutyReference priority,
        String urgency,
        PagerDutyReference incident) {
    public PagerDutyEventData {
        assignees = assignees == null ? List.of() : assignees;
    }
}

package dev.runbookbot.alert.pagerduty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * PagerDuty's reference to another object (a service, a user, a priority, an incident): {@code id}, {@code type}
 * ({@code service_reference}, {@code user_reference}, ...), {@code summary} (its display name), and its API and web
 * addresses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PagerDutyReference(
        String id,
        String type,
        String summary,
        String self,
        @JsonProperty("html_url") String htmlUrl) {}

package dev.runbookbot.alert.pagerduty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A PagerDuty webhooks v3 body: exactly one {@link PagerDutyEvent} under {@code event}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PagerDutyWebhook(PagerDutyEvent event) {}

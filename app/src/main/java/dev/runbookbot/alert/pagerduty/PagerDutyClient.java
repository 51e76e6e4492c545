package dev.runbookbot.alert.pagerduty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The client through which an event happened ({@code event.client}, for example {@code {"name": "PagerDuty"}}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PagerDutyClient(String name) {}

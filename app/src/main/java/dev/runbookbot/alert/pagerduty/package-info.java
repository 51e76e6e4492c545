/**
 * PagerDuty webhooks v3: the body as records ({@link dev.runbookbot.alert.pagerduty.PagerDutyWebhook} and its parts),
 * signature verification over the raw body with several secrets and several signatures during a rotation ({@link
 * dev.runbookbot.alert.pagerduty.PagerDutySignatureVerifier}), the freshness window that, with deduplication on {@code
 * X-Webhook-Id} in the delivery log, stops replays ({@link dev.runbookbot.alert.pagerduty.FreshnessCheck}), and the
 * mapper to one {@link dev.runbookbot.incident.intake.AlertEvent} ({@link dev.runbookbot.alert.pagerduty.PagerDutyMapper}).
 * PagerDuty allows 5 s for an answer, delivers at least once, retries 429, 5xx and timeouts for about 20 minutes and
 * drops other 4xx; the web route therefore answers 503 only when a retry can help, and refuses (401, 400) only what
 * can never be accepted. The legacy v2 format ({@code {"messages": [...]}}) is refused with a reason saying so.
 */
package dev.runbookbot.alert.pagerduty;

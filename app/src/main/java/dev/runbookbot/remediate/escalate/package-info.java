/**
 * Escalation through PagerDuty's Events API v2 over okhttp: the incident escalator's {@link
 * dev.runbookbot.remediate.Pager} ({@link dev.runbookbot.remediate.escalate.PagerDutyEventsPager}, one PagerDuty alert
 * per incident, its id as {@code dedup_key}) and the {@code escalate} action ({@link
 * dev.runbookbot.remediate.escalate.EscalateActionExecutor}, the run's idempotency key as {@code dedup_key}). Both
 * send {@code trigger} events to a configurable base URL with the routing key read from a named secret when the event
 * is sent, never stored in a message, a preview or a log line. A 429, a 5xx or no answer is retried a bounded number of
 * times, which PagerDuty's deduplication makes safe; an invalid event is reported with PagerDuty's reason and not
 * retried. Without PagerDuty configured nothing here is registered, and escalations are messages in the runbook's
 * escalation channels instead.
 */
package dev.runbookbot.remediate.escalate;

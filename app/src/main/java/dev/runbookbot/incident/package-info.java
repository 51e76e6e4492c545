/**
 * The incident lifecycle: incidents, remediation runs and their approvals, the timeline, automation events, and the
 * ports through which they are stored.
 *
 * <p>This is the record that Slack, the webhooks and the CLI all drive and that post-incident reviews read. It imports
 * only the JDK and the runbook model. The rules are pure functions ({@link dev.runbookbot.incident.IncidentLifecycle},
 * {@link dev.runbookbot.incident.RemediationLifecycle}) that answer every request with either the change to record or
 * a refusal with its reason, as a value: approving twice, approving after a rejection, running without approval and
 * running after expiry are all refused in words a person can act on. A store ({@link
 * dev.runbookbot.incident.IncidentStore}) applies those rules to the record as it is inside one write transaction, so
 * a double click, a redelivered alert or two racing approvers produce exactly one change; the SQLite implementation
 * lives in {@code store}, an in-memory one for tests in {@code testing}. Who may approve (approver lists, four eyes)
 * is a policy the caller checks before asking the store; the store only keeps the state machine consistent.
 */
package dev.runbookbot.incident;

/**
 * The incident lifecycle and its one orchestrator: incidents, their intake from alerts, escalation and threshold
 * triggers, and the ports through which they are stored and shown. Remediation runs, their approvals and who may act
 * on them live in {@code remediate}, which this package drives ({@code incident -> remediate}); the ids and the
 * timeline both write live in {@code audit}.
 *
 * <p>This is the record that Slack, the webhooks and the CLI all drive and that post-incident reviews read. It imports
 * only the JDK and the core packages. The rules are pure functions ({@link dev.runbookbot.incident.IncidentLifecycle},
 * {@link dev.runbookbot.remediate.RemediationLifecycle}) that answer every request with either the change to record or
 * a refusal with its reason, as a value: approving twice, approving after a rejection, running without approval and
 * running after expiry are all refused in words a person can act on. A store ({@link
 * dev.runbookbot.incident.IncidentStore}) applies those rules to the record as it is inside one write transaction, so
 * a double click, a redelivered alert or two racing approvers produce exactly one change; the SQLite implementation
 * lives in {@code store}, an in-memory one for tests in {@code testing}. Who may approve (approver lists, four eyes)
 * is a policy the caller checks before asking the store; the store only keeps the state machine consistent.
 *
 * <p>By concern: clicks on runs come in through {@link dev.runbookbot.incident.RunClicks} (one {@link
 * dev.runbookbot.remediate.RunContext} per click, authority decided once by {@link
 * dev.runbookbot.incident.ClickAuthority}); alerts through {@code intake}; unacknowledged incidents escalate in {@code
 * escalation}; metric thresholds open incidents in {@code threshold}.
 *
 * <p>Incidents also start by themselves. Alerts arrive through the {@link dev.runbookbot.incident.intake.AlertIntake} port: the
 * {@link dev.runbookbot.incident.intake.DurableAlertIntake} records each webhook delivery before it is acknowledged and routes
 * it afterwards with the {@link dev.runbookbot.incident.intake.AlertRouter} (one alert at a time per fingerprint), re-reading
 * what was acknowledged but never processed after a restart. The {@link dev.runbookbot.incident.threshold.ThresholdWatcher}
 * evaluates the runbooks' {@code metric_threshold} triggers through a {@link dev.runbookbot.diagnose.MetricSource}.
 * Unacknowledged incidents escalate: the {@link dev.runbookbot.incident.escalation.EscalationTimer} reads the absolute deadlines
 * the store keeps and the {@link dev.runbookbot.incident.escalation.IncidentEscalator} posts to the secondary channel and pages
 * through a {@link dev.runbookbot.remediate.Pager}. Every change still goes through the store's compare-and-set, so a
 * redelivered alert, two timers or a restart in the middle change each incident once.
 */
package dev.runbookbot.incident;

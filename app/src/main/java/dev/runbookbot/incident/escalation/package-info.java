/**
 * Escalation of incidents nobody acknowledged: the {@link dev.runbookbot.incident.escalation.EscalationTimer} reads the
 * absolute deadlines the store keeps (so a restart loses none), and the {@link
 * dev.runbookbot.incident.escalation.IncidentEscalator} escalates what is due once (a compare-and-set in the store),
 * posting to the secondary channel and paging through the {@link dev.runbookbot.remediate.Pager}; an {@code escalate}
 * remediation goes through the same escalator. Each attempt is reported as an {@link
 * dev.runbookbot.incident.escalation.EscalationReport} saying who was reached.
 */
package dev.runbookbot.incident.escalation;

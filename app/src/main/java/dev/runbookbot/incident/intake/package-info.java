/**
 * Alert intake: webhook deliveries become incidents. Alerts arrive through the {@link
 * dev.runbookbot.incident.intake.AlertIntake} port as {@link dev.runbookbot.incident.intake.AlertEvent}s (mapped by
 * {@code alert/<sender>}); the {@link dev.runbookbot.incident.intake.DurableAlertIntake} records each delivery before
 * it is acknowledged (the {@link dev.runbookbot.incident.intake.DeliveryLog}) and routes it afterwards, one alert at a
 * time per fingerprint ({@link dev.runbookbot.incident.intake.SerialLanes}), with the {@link
 * dev.runbookbot.incident.intake.AlertRouter} (one alert) or the {@link dev.runbookbot.incident.intake.AlertGroupRouter}
 * (one Alertmanager group, one incident), which open, join and resolve incidents through the incident service. After a
 * restart, what was acknowledged but never processed is read again. The {@link
 * dev.runbookbot.incident.intake.AlertLedger} remembers which alerts a group's incident has seen.
 */
package dev.runbookbot.incident.intake;

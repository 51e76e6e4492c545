/**
 * Prometheus Alertmanager's webhook, payload version 4: the body as records ({@link
 * dev.runbookbot.alert.alertmanager.AlertmanagerMessage}, {@link dev.runbookbot.alert.alertmanager.AlertmanagerAlert})
 * and the mapper to one {@link dev.runbookbot.incident.intake.AlertEvent} per alert ({@link
 * dev.runbookbot.alert.alertmanager.AlertmanagerMapper}). Alertmanager delivers at least once, re-sends whole groups on
 * every change and every {@code repeat_interval}, and sends no delivery id and no signature: identity comes from the
 * alert's fingerprint (computed the way Alertmanager computes it, {@link
 * dev.runbookbot.alert.alertmanager.AlertFingerprint}, when an old version does not send it), and the delivery key is
 * derived from the group's content, so retries and unchanged repeats are recognised as the same delivery. A body in
 * another payload version is refused with the reason: Alertmanager drops every 4xx and does not retry it, which is
 * right for a body that can never be read, and the route logs it loudly. Authentication is the web route's job
 * (bearer token or basic auth from Alertmanager's {@code http_config}).
 */
package dev.runbookbot.alert.alertmanager;

/**
 * Alert webhooks as data: what the senders post, read into records and mapped to the core's {@link
 * dev.runbookbot.incident.intake.AlertEvent}. One subpackage per sender ({@code alertmanager}, {@code pagerduty}), each with
 * its payload records, its mapper and, where the sender signs, its verification; this package holds what they share:
 * the JSON reader with its limits ({@link dev.runbookbot.alert.JsonPayloadReader}), the result of mapping one delivery
 * ({@link dev.runbookbot.alert.MappedDelivery}) and the refusal of a body that can never be processed ({@link
 * dev.runbookbot.alert.InvalidPayloadException}). These are pure functions of the body (and a clock): no I/O, no
 * threads, so the worker can map a body again after a restart exactly as the route did when it arrived. The web
 * routes use them; they know nothing of HTTP.
 */
package dev.runbookbot.alert;

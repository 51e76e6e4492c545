/**
 * Telemetry: the bot's Prometheus metrics ({@link dev.runbookbot.telemetry.Metrics}), one registry per process built
 * in {@code runtime} and handed to whoever records (the web routes count webhooks; the runtime wires step, diagnostic,
 * incident and Slack counts) and to the {@code /metrics} route, which renders it in the Prometheus text format. It uses
 * the official Prometheus Java client (its registry and text writer, without protobuf) rather than a hand-written
 * format, and no global registry, so tests can build as many as they like. Shared infrastructure like {@code process/}:
 * adapters may record into it; it imports no adapter.
 */
package dev.runbookbot.telemetry;

package dev.runbookbot.runtime;

import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.slack.SlackConnection;
import dev.runbookbot.telemetry.Metrics;

/** The parts of a started bot that {@link BotRuntime} answers for: readiness, the web port, metrics, records. */
record RunningBot(
        IncidentStore store, SlackConnection connection, Catalog catalog, AlertingAssembly alerting, Metrics metrics) {}

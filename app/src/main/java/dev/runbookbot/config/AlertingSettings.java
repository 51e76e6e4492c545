package dev.runbookbot.config;

import dev.runbookbot.alert.pagerduty.FreshnessCheck;
import dev.runbookbot.incident.intake.AlertRouting;
import dev.runbookbot.incident.threshold.ThresholdSettings;
import dev.runbookbot.remediate.escalate.PagerDutyEventsSettings;
import dev.runbookbot.web.WebSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How alerts reach the bot and how it escalates, as read at start-up. Credentials are named, never inlined: the
 * runtime resolves the names through the bot's secrets and refuses to start when a named one is missing.
 *
 * <ul>
 *   <li>the web server: {@code web.bind} / {@code RUNBOOK_WEB_BIND} (127.0.0.1), {@code web.port} / {@code
 *       RUNBOOK_WEB_PORT} (8080), {@code web.maxBodyBytes} / {@code RUNBOOK_WEB_MAX_BODY_BYTES} (1 MiB);
 *   <li>Alertmanager's credential: {@code alertmanager.tokenSecret} / {@code RUNBOOK_ALERTMANAGER_TOKEN_SECRET} (a
 *       bearer token), or {@code alertmanager.basicUser} with {@code alertmanager.basicPasswordSecret} ({@code
 *       RUNBOOK_ALERTMANAGER_BASIC_USER}, {@code RUNBOOK_ALERTMANAGER_BASIC_PASSWORD_SECRET});
 *   <li>PagerDuty's webhook signing secrets, several during a rotation: {@code pagerduty.webhookSecrets} / {@code
 *       RUNBOOK_PAGERDUTY_WEBHOOK_SECRETS} (comma-separated names), and how old an event may be: {@code
 *       pagerduty.freshness} (30m);
 *   <li>routing: {@code alerts.environmentLabel} / {@code RUNBOOK_ALERT_ENVIRONMENT_LABEL} ({@code env}), {@code
 *       alerts.fallbackChannel} / {@code RUNBOOK_ALERT_FALLBACK_CHANNEL} (none), {@code alerts.workers} (4);
 *   <li>paging: {@code pagerduty.routingKeySecret} / {@code RUNBOOK_PAGERDUTY_ROUTING_KEY_SECRET} turns PagerDuty
 *       paging on (else escalations are channel messages), {@code pagerduty.eventsUrl} / {@code
 *       RUNBOOK_PAGERDUTY_EVENTS_URL} (https://events.pagerduty.com);
 *   <li>escalation timer: {@code escalation.checkEvery} / {@code RUNBOOK_ESCALATION_CHECK_EVERY} (30s), the longest it
 *       sleeps between looks;
 *   <li>threshold triggers: {@code thresholds.interval} / {@code RUNBOOK_THRESHOLD_INTERVAL} (60s), {@code
 *       thresholds.queryTimeout} (10s), {@code thresholds.clearEvaluations} (2).
 * </ul>
 */
public record AlertingSettings(
        String bindAddress,
        int port,
        int maxBodyBytes,
        Optional<String> alertmanagerTokenSecret,
        Optional<String> alertmanagerBasicUser,
        Optional<String> alertmanagerBasicPasswordSecret,
        List<String> pagerdutyWebhookSecrets,
        Duration pagerdutyFreshness,
        AlertRouting routing,
        int workers,
        Optional<PagerDutyEventsSettings> paging,
        Duration escalationCheckEvery,
        ThresholdSettings thresholds) {
    public AlertingSettings {
        WebSettings.defaults().withBind(bindAddress, port).withMaxBodyBytes(maxBodyBytes); // checks all three
        pagerdutyWebhookSecrets = List.copyOf(pagerdutyWebhookSecrets);
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("alert workers must be between 1 and 64, not " + workers);
        }
        if (escalationCheckEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the escalation check must be at least 1s apart");
        }
    }

    static AlertingSettings read(SettingsSource s) {
        Optional<PagerDutyEventsSettings> paging = s.string(
                        "pagerduty.routingKeySecret", "RUNBOOK_PAGERDUTY_ROUTING_KEY_SECRET")
                .map(secret -> construct("pagerduty", () -> PagerDutyEventsSettings.of(secret)
                        .withBaseUrl(s.uri("pagerduty.eventsUrl", "RUNBOOK_PAGERDUTY_EVENTS_URL")
                                .orElse(URI.create(PagerDutyEventsSettings.DEFAULT_BASE_URL)))));
        return construct(
                "alerting",
                () -> new AlertingSettings(
                        s.string("web.bind", "RUNBOOK_WEB_BIND", WebSettings.DEFAULT_BIND_ADDRESS),
                        s.integer("web.port", "RUNBOOK_WEB_PORT", WebSettings.DEFAULT_PORT),
                        s.integer("web.maxBodyBytes", "RUNBOOK_WEB_MAX_BODY_BYTES", WebSettings.DEFAULT_MAX_BODY_BYTES),
                        s.string("alertmanager.tokenSecret", "RUNBOOK_ALERTMANAGER_TOKEN_SECRET"),
                        s.string("alertmanager.basicUser", "RUNBOOK_ALERTMANAGER_BASIC_USER"),
                        s.string("alertmanager.basicPasswordSecret", "RUNBOOK_ALERTMANAGER_BASIC_PASSWORD_SECRET"),
                        s.list("pagerduty.webhookSecrets", "RUNBOOK_PAGERDUTY_WEBHOOK_SECRETS"),
                        s.duration("pagerduty.freshness", "RUNBOOK_PAGERDUTY_FRESHNESS", FreshnessCheck.DEFAULT_WINDOW),
                        new AlertRouting(
                                s.string(
                                        "alerts.environmentLabel",
                                        "RUNBOOK_ALERT_ENVIRONMENT_LABEL",
                                        AlertRouting.DEFAULT_ENVIRONMENT_LABEL),
                                s.string("alerts.fallbackChannel", "RUNBOOK_ALERT_FALLBACK_CHANNEL")),
                        s.integer("alerts.workers", "RUNBOOK_ALERT_WORKERS", 4),
                        paging,
                        s.duration("escalation.checkEvery", "RUNBOOK_ESCALATION_CHECK_EVERY", Duration.ofSeconds(30)),
                        new ThresholdSettings(
                                s.duration(
                                        "thresholds.interval",
                                        "RUNBOOK_THRESHOLD_INTERVAL",
                                        ThresholdSettings.DEFAULT_INTERVAL),
                                s.duration(
                                        "thresholds.queryTimeout",
                                        "RUNBOOK_THRESHOLD_QUERY_TIMEOUT",
                                        ThresholdSettings.DEFAULT_QUERY_TIMEOUT),
                                s.integer(
                                        "thresholds.clearEvaluations",
                                        "RUNBOOK_THRESHOLD_CLEAR_EVALUATIONS",
                                        ThresholdSettings.DEFAULT_CLEAR_EVALUATIONS))));
    }

    private static <T> T construct(String section, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new SettingsException("settings '" + section + "': " + e.getMessage(), e);
        }
    }
}

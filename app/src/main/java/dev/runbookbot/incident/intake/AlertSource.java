package dev.runbookbot.incident.intake;

import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Optional;

/**
 * Which webhook an {@link AlertEvent} came in through, with everything that differs between the senders: how a runbook
 * is found for it, how it is named in a message, how its resolution reads, and what a runbook needs to handle it. The
 * routers ask the event; they have no branch per sender.
 */
public enum AlertSource {
    /** Prometheus Alertmanager, webhook payload version 4. */
    ALERTMANAGER(IncidentSource.ALERTMANAGER) {
        @Override
        Optional<RunbookSpec> runbookFor(AlertEvent event, Catalog catalog) {
            return catalog.forAlert(event.alertName(), event.labels());
        }

        @Override
        String describe(AlertEvent event) {
            return "alert " + (event.alertName().isEmpty() ? "(no alertname)" : event.alertName()) + " (fingerprint "
                    + event.dedupKey() + ")";
        }

        @Override
        String resolution(AlertEvent event) {
            return "Resolved by Alertmanager at " + event.occurredAt() + ".";
        }

        @Override
        String howToHandle(AlertEvent event) {
            return "To handle it, give a runbook a trigger {type: alert, alertName: " + event.alertName() + "}.";
        }
    },
    /** PagerDuty webhooks v3 (one event per delivery). */
    PAGERDUTY(IncidentSource.PAGERDUTY) {
        @Override
        Optional<RunbookSpec> runbookFor(AlertEvent event, Catalog catalog) {
            return catalog.forPagerDuty(
                    event.serviceId().orElse(""), event.serviceName().orElse(""), event.labels());
        }

        @Override
        String describe(AlertEvent event) {
            return "PagerDuty incident " + event.dedupKey()
                    + event.serviceName().map(s -> " on service " + s).orElse("");
        }

        @Override
        String resolution(AlertEvent event) {
            return "Resolved in PagerDuty at " + event.occurredAt() + event.agent() + ".";
        }

        @Override
        String howToHandle(AlertEvent event) {
            return "To handle it, give a runbook a trigger with pagerdutyService: "
                    + event.serviceId().or(event::serviceName).orElse("<service id>") + ".";
        }
    };

    private final IncidentSource incidentSource;

    AlertSource(IncidentSource incidentSource) {
        this.incidentSource = incidentSource;
    }

    /** What the incidents it opens record as their source. */
    public IncidentSource incidentSource() {
        return incidentSource;
    }

    abstract Optional<RunbookSpec> runbookFor(AlertEvent event, Catalog catalog);

    abstract String describe(AlertEvent event);

    abstract String resolution(AlertEvent event);

    abstract String howToHandle(AlertEvent event);
}

package dev.runbookbot.testing;

import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.runbook.Severity;
import java.time.Duration;
import java.util.Optional;

/**
 * The incident requests store tests open: an Alertmanager alert of {@code payments-slow} (P1, escalation after 30
 * minutes), told apart by its fingerprint.
 */
public final class NewIncidents {
    private NewIncidents() {}

    /** A {@code payments} alert in {@code prod} with {@code fingerprint} as its dedup key. */
    public static NewIncident alert(String fingerprint) {
        return alert(fingerprint, "payments", "prod");
    }

    public static NewIncident alert(String fingerprint, String service, String environment) {
        return new NewIncident(
                "payments 5xx above 5%",
                "payments-slow",
                "3f2a9c1",
                service,
                Severity.P1,
                environment,
                IncidentSource.ALERTMANAGER,
                Optional.of(fingerprint),
                Optional.empty(),
                "alertmanager",
                Optional.empty(),
                Optional.of(Duration.ofMinutes(30)));
    }
}

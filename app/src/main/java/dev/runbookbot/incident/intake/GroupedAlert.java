package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NonBlank;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bot knows of one alert of an Alertmanager group: its {@code fingerprint} within {@code groupKey}, its
 * {@code alertName}, the incident it belongs to (empty for a resolution of an alert that never opened or joined one),
 * whether it is firing or resolved, when it started, and when it ended ({@code endedAt}, set once resolved). The
 * latest {@code endedAt} of a fingerprint is what a late firing is compared with (a firing that did not start after
 * it is stale).
 */
public record GroupedAlert(
        String groupKey,
        String fingerprint,
        String alertName,
        Optional<IncidentId> incident,
        AlertStatus status,
        Instant startsAt,
        Optional<Instant> endedAt) {
    public GroupedAlert {
        NonBlank.require(groupKey, "group key");
        NonBlank.require(fingerprint, "fingerprint");
        Objects.requireNonNull(alertName, "alertName");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(status, "status");
        if (status != AlertStatus.FIRING && status != AlertStatus.RESOLVED) {
            throw new IllegalArgumentException("an alert of a group is firing or resolved, not " + status);
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endedAt, "endedAt");
        if (status == AlertStatus.RESOLVED && endedAt.isEmpty()) {
            throw new IllegalArgumentException("a resolved alert has an end");
        }
    }

    public boolean firing() {
        return status == AlertStatus.FIRING;
    }

    public GroupedAlert resolved(Instant at) {
        return new GroupedAlert(
                groupKey, fingerprint, alertName, incident, AlertStatus.RESOLVED, startsAt, Optional.of(at));
    }
}

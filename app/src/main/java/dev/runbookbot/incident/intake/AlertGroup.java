package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.NonBlank;
import java.util.Objects;

/**
 * The Alertmanager group a notification carried: its {@code groupKey} (stable for a route and its group labels), the
 * group's status ({@link AlertStatus#FIRING} while any of its alerts fires, counting those left out of the
 * notification) and how many alerts {@code max_alerts} left out ({@code truncatedAlerts}). One group is one incident
 * (see {@link AlertGroupRouter}); every alert of the notification carries the same group.
 */
public record AlertGroup(String key, AlertStatus status, int truncatedAlerts) {
    public AlertGroup {
        NonBlank.require(key, "group key");
        Objects.requireNonNull(status, "status");
        if (status != AlertStatus.FIRING && status != AlertStatus.RESOLVED) {
            throw new IllegalArgumentException("a group is firing or resolved, not " + status);
        }
        if (truncatedAlerts < 0) {
            throw new IllegalArgumentException("truncatedAlerts must not be negative: " + truncatedAlerts);
        }
    }
}

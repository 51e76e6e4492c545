package dev.runbookbot.testing;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.intake.AlertLedger;
import dev.runbookbot.incident.intake.GroupedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AlertLedger} in memory, for unit tests: insertion order kept, entries replaced by group key and fingerprint. */
public final class InMemoryAlertLedger implements AlertLedger {
    private final Map<List<String>, GroupedAlert> alerts = new LinkedHashMap<>();

    @Override
    public synchronized List<GroupedAlert> group(String groupKey) {
        return alerts.values().stream()
                .filter(a -> a.groupKey().equals(groupKey))
                .toList();
    }

    @Override
    public synchronized List<GroupedAlert> ofIncident(IncidentId incident) {
        return alerts.values().stream()
                .filter(a -> a.incident().equals(Optional.of(incident)))
                .toList();
    }

    @Override
    public synchronized Optional<Instant> lastResolution(String fingerprint) {
        return alerts.values().stream()
                .filter(a -> a.fingerprint().equals(fingerprint))
                .flatMap(a -> a.endedAt().stream())
                .max(Instant::compareTo);
    }

    @Override
    public synchronized void record(List<GroupedAlert> recorded) {
        for (GroupedAlert alert : new ArrayList<>(recorded)) {
            alerts.put(List.of(alert.groupKey(), alert.fingerprint()), alert);
        }
    }
}

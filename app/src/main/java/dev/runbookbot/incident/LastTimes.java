package dev.runbookbot.incident;

import dev.runbookbot.audit.RecoveryCheckDetail;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * "Last times": what happened the previous times this runbook handled an incident, for the thread of a new one, read
 * from the store: how many incidents it had before, and for the latest {@value #SHOWN} the remediation that ran (the
 * last one to run), whether its recovery check said recovered, and how long until the incident was resolved. Nothing
 * is said for a runbook's first incident. Thread-safe.
 */
public final class LastTimes {
    static final int SHOWN = 3;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final IncidentQueries records;

    public LastTimes(IncidentQueries records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    /** The note for the thread of {@code incident}, or empty when its runbook has no earlier incident. */
    public Optional<String> of(Incident incident) {
        int before = records.incidentCount(incident.runbookId(), incident.id());
        if (before == 0) {
            return Optional.empty();
        }
        List<Incident> latest = records.incidentsOfRunbook(incident.runbookId(), incident.id(), SHOWN);
        StringBuilder text = new StringBuilder("Last times: runbook ")
                .append(incident.runbookId())
                .append(" handled ")
                .append(before)
                .append(before == 1 ? " incident" : " incidents")
                .append(" before this one")
                .append(latest.size() < before ? "; the latest " + latest.size() : "")
                .append(':');
        for (Incident earlier : latest) {
            text.append("\n• ")
                    .append(earlier.id())
                    .append(" (")
                    .append(WHEN.format(earlier.createdAt()))
                    .append("): ")
                    .append(remediation(earlier))
                    .append("; ")
                    .append(outcome(earlier));
        }
        return Optional.of(text.toString());
    }

    private String remediation(Incident incident) {
        Optional<RemediationRun> ran = records.runs(incident.id()).stream()
                .filter(r -> r.state() == RunState.SUCCEEDED
                        || r.state() == RunState.FAILED
                        || r.state() == RunState.INTERRUPTED)
                .max(Comparator.comparingLong(r -> r.id().value()));
        if (ran.isEmpty()) {
            return "no remediation ran";
        }
        RemediationRun run = ran.get();
        String verdict = recoveryVerdict(incident, run)
                .map(v -> switch (v) {
                    case "RECOVERED" -> ", recovered";
                    case "NOT_RECOVERED" -> ", not recovered";
                    default -> ", recovery unclear";
                })
                .orElse("");
        return run.remediationId() + " " + run.state().name().toLowerCase(Locale.ROOT) + verdict;
    }

    /**
     * The verdict the recovery check recorded for {@code run} ({@code RECOVERED}, {@code NOT_RECOVERED}, {@code
     * INCONCLUSIVE}), read from its timeline entry's typed detail.
     */
    private Optional<String> recoveryVerdict(Incident incident, RemediationRun run) {
        return records.timeline(incident.id()).stream()
                .filter(e -> e.kind() == TimelineKind.DIAGNOSTIC
                        && e.runId().filter(run.id()::equals).isPresent())
                .map(e -> TimelineDetails.read(e.detail(), RecoveryCheckDetail.class))
                .flatMap(Optional::stream)
                .map(RecoveryCheckDetail::verdict)
                .reduce((first, second) -> second);
    }

    private static String outcome(Incident incident) {
        if (incident.isOpen()) {
            return "still open ("
                    + incident.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        }
        return "resolved after " + duration(Duration.between(incident.createdAt(), incident.updatedAt()));
    }

    static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return Math.max(0, d.toSeconds()) + " s";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours + " h " + (minutes % 60) + " min";
    }
}

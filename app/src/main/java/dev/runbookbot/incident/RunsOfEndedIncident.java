package dev.runbookbot.incident;

import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule that joins the two lifecycles: nothing runs on an incident that has ended. When an incident ends, its runs
 * that still wait to run are cancelled ({@link RemediationLifecycle#cancel}) in the same transaction; a run proposed
 * after its incident ended is cancelled as it is stored. Pure functions; stores call them.
 */
public final class RunsOfEndedIncident {
    private RunsOfEndedIncident() {}

    /**
     * The change {@code ended} to an incident may end it (resolved by its alert, closed by a person): then every run of
     * {@code runs} (the incident's) that still waits to run is cancelled, with who ended the incident and how. Stores
     * apply these in the same transaction as the incident's change. Empty when the change does not end the incident.
     */
    public static List<RunChange> cancelOnEnd(IncidentChange ended, List<RemediationRun> runs, Instant at) {
        Incident after = ended.after();
        boolean endsNow = ended.before().map(Incident::isOpen).orElse(false) && !after.isOpen();
        if (!endsNow) {
            return List.of();
        }
        String actor = ended.event().actor();
        String reason = after.id() + " was " + after.state().name().toLowerCase(Locale.ROOT) + " by " + actor
                + " before it ran";
        List<RunChange> changes = new ArrayList<>();
        for (RemediationRun run : runs) {
            if (run.incidentId().equals(after.id()) && run.state().isPending()) {
                RemediationLifecycle.cancel(run, actor, reason, at)
                        .appliedValue()
                        .ifPresent(changes::add);
            }
        }
        return changes;
    }

    /**
     * A run proposed for an incident that had already ended (its diagnosis finished after the alert resolved): it is
     * cancelled at once, in the transaction that stores it, so it never shows buttons that could run it.
     */
    public static Optional<RunChange> cancelIfEnded(Incident incident, RemediationRun proposed, Instant at) {
        if (incident.isOpen() || !proposed.state().isPending()) {
            return Optional.empty();
        }
        String reason =
                incident.id() + " had already ended (" + incident.state().name().toLowerCase(Locale.ROOT) + " at "
                        + incident.updatedAt() + ") when it was proposed";
        return RemediationLifecycle.cancel(proposed, RemediationLifecycle.BOT, reason, at)
                .appliedValue();
    }
}

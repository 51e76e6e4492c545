package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The alerts of Alertmanager groups as the bot last saw them ({@link GroupedAlert}, one per group key and
 * fingerprint): which incident each belongs to, which fire and which have resolved, and when. {@link AlertGroupRouter}
 * reads it to find a group's incident, tell a new alert from a repeat, resolve the incident when the last alert of its
 * group resolves, and ignore a stale firing that arrives after its resolution.
 *
 * <p>Contract: each call is atomic; {@link #record} replaces the entries with the same group key and fingerprint.
 * Entries are never deleted (a resolution must outlive its incident, to recognise a stale firing later). Thread-safe;
 * the router calls it for one group at a time. Failures are the store's exceptions ({@link StoreException}).
 */
public interface AlertLedger {
    /** Every alert recorded for {@code groupKey}, in the order they were first recorded. */
    List<GroupedAlert> group(String groupKey);

    /** Every alert recorded as belonging to {@code incident}, in the order they were first recorded. */
    List<GroupedAlert> ofIncident(IncidentId incident);

    /** The latest end recorded for {@code fingerprint} in any group; empty if it never resolved. */
    Optional<Instant> lastResolution(String fingerprint);

    /** Records these alerts (inserting, or replacing the entry with the same group key and fingerprint). */
    void record(List<GroupedAlert> alerts);
}

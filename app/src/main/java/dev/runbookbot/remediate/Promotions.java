package dev.runbookbot.remediate;

import java.util.List;

/**
 * Where promotions are kept (the bot's database, table {@code promotion}). The environment-scope guard asks {@link
 * #isPromoted} on every execution; {@code runbookctl promote} and {@code runbookctl promotions} write and list them.
 * Promotions are only added, never edited: the list is the audit trail of who widened which action's scope, when and
 * on what evidence. Thread-safe; a store failure is a {@code dev.runbookbot.incident.StoreException}.
 */
public interface Promotions {
    /**
     * Records that {@code promotedBy} allows {@code action} in {@code environment}, with the evidence. The time is the
     * store's clock.
     *
     * @throws IllegalArgumentException when a field is invalid (see {@link Promotion#requireValid})
     */
    Promotion promote(String action, String environment, String promotedBy, String evidenceUrl);

    /** True when a promotion allows {@code action} in {@code environment} (case-insensitive environment). */
    boolean isPromoted(String action, String environment);

    /** Every promotion, oldest first. */
    List<Promotion> list();
}

package dev.runbookbot.runbook;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbooks the bot can run, indexed for the ways an incident finds its runbook: by id (or alias), by alert (alert
 * name plus label matchers, most specific trigger wins), by PagerDuty service, and by service plus a described symptom
 * (fuzzy, over tags, aliases, name and description). A {@link CatalogSnapshot} is one fixed set; a {@link
 * ReloadableCatalog} serves the latest valid set of a runbook directory and says which files it refused. Every
 * implementation is thread-safe; each call answers from one consistent set.
 */
public interface Catalog {
    /** A catalog of {@code runbooks}, ordered by id; for a duplicate id the first one wins (lint reports it). */
    static Catalog of(Collection<RunbookSpec> runbooks) {
        return CatalogSnapshot.of(runbooks);
    }

    static Catalog empty() {
        return CatalogSnapshot.of(List.of());
    }

    /** Every runbook, ordered by id. */
    List<RunbookSpec> all();

    /** The runbook with this id, or with this alias. */
    Optional<RunbookSpec> byId(String idOrAlias);

    /**
     * The runbook {@code id} exactly as it was at {@code version} (its content hash), when this catalog has served that
     * version: an incident keeps the version it opened with after the directory is reloaded.
     */
    default Optional<RunbookSpec> version(String id, String version) {
        return byId(id).filter(r -> r.id().equals(id) && r.version().equals(version));
    }

    /** Up to three ids close to {@code unknown}, for "did you mean ...?". */
    List<String> suggestIds(String unknown);

    /**
     * The runbook for a firing alert: among the alert triggers with this alert name whose matchers all hold for
     * {@code labels}, the most specific (its matchers include every other match's matchers; failing that, the most
     * matchers; then the smallest runbook id).
     */
    Optional<RunbookSpec> forAlert(String alertName, Map<String, String> labels);

    /**
     * The runbook mapped to a PagerDuty service, by service id first, then by service name (ignoring case), among the
     * triggers whose {@code matchers} (if any) hold for the incident's {@code labels} ({@code service},
     * {@code service_id}, {@code urgency}, {@code priority}, {@code incident_status}, ...).
     */
    Optional<RunbookSpec> forPagerDuty(String serviceId, String serviceName, Map<String, String> labels);

    /** {@link #forPagerDuty} for an incident without labels: only triggers without matchers apply. */
    default Optional<RunbookSpec> forPagerDutyService(String serviceId, String serviceName) {
        return forPagerDuty(serviceId, serviceName, Map.of());
    }

    /**
     * Runbooks for a service and a symptom described in words ({@code "payments"}, {@code "elevated 5xx"}), best first
     * (see {@link CatalogSnapshot#forSymptom}).
     */
    List<RunbookSpec> forSymptom(String service, String symptom);

    /** The runbook files this catalog refused because of errors, ordered by file; none for a fixed set. */
    default List<RefusedRunbook> refused() {
        return List.of();
    }
}

package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.OverrideCount;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * {@link IncidentQueries} on the SQLite database, each call one read transaction on the read pool. It is what {@code
 * runbookctl} uses on a database opened read-only, and what {@link JdbiIncidentStore} delegates its reads to. The
 * package-private loaders take a handle so that writes can read inside their own transaction. Thread-safe.
 */
public final class JdbiIncidentQueries implements IncidentQueries {
    private final StoreDatabase database;

    public JdbiIncidentQueries(StoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Opens the database at {@code file} read-only (never creating or migrating it), runs {@code query}, closes it. This
     * is the CLI's {@code StoreReader}: wire it as {@code JdbiIncidentQueries::readOnly}.
     *
     * @throws dev.runbookbot.incident.StoreException when the file is missing, not ours, or of another schema version
     */
    public static <T> T readOnly(Path file, Function<? super IncidentQueries, ? extends T> query) {
        try (StoreDatabase database = SqliteDatabase.openReadOnly(StoreOptions.at(file))) {
            return query.apply(new JdbiIncidentQueries(database));
        }
    }

    @Override
    public Optional<Incident> incident(IncidentId id) {
        return database.read(h -> h.attach(IncidentDao.class).find(id.value()));
    }

    @Override
    public Optional<Incident> openIncidentByDedupKey(String dedupKey) {
        return database.read(h -> h.attach(IncidentDao.class).findOpenByDedupKey(dedupKey));
    }

    @Override
    public List<Incident> incidents(boolean openOnly, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return database.read(h -> h.attach(IncidentDao.class).list(openOnly, limit));
    }

    @Override
    public List<Incident> incidentsOfRunbook(String runbookId, IncidentId before, int limit) {
        return database.read(h -> h.attach(IncidentDao.class).ofRunbook(runbookId, before.value(), limit));
    }

    @Override
    public int incidentCount(String runbookId, IncidentId before) {
        return database.read(h -> h.attach(IncidentDao.class).countOfRunbook(runbookId, before.value()));
    }

    @Override
    public Optional<RemediationRun> run(RunId id) {
        return database.read(h -> loadRun(h, id.value()));
    }

    @Override
    public List<RemediationRun> runs(IncidentId incident) {
        return database.read(h -> loadRuns(h, h.attach(RunDao.class).idsOfIncident(incident.value())));
    }

    @Override
    public List<RemediationRun> runsAwaitingApproval() {
        return database.read(h -> runsIn(h, RunState.PROPOSED));
    }

    @Override
    public List<Incident> pendingEscalations() {
        return database.read(h -> h.attach(IncidentDao.class).pendingEscalations());
    }

    @Override
    public List<TimelineEvent> timeline(IncidentId incident) {
        return database.read(h -> h.attach(TimelineDao.class).ofIncident(incident.value()));
    }

    @Override
    public List<OverrideCount> overrideReport() {
        return database.read(h -> h.attach(AutomationDao.class).overrideReport());
    }

    static Optional<RemediationRun> loadRun(Handle handle, long id) {
        return loadRunRow(handle, id).map(row -> toRun(handle, row));
    }

    static Optional<RunRow> loadRunRow(Handle handle, long id) {
        return handle.attach(RunDao.class).find(id);
    }

    static RemediationRun toRun(Handle handle, RunRow row) {
        RunDao runs = handle.attach(RunDao.class);
        return row.toRun(runs.approvals(row.id()), runs.transitions(row.id()));
    }

    static List<RemediationRun> runsIn(Handle handle, RunState state) {
        return loadRuns(handle, handle.attach(RunDao.class).idsInState(state.name()));
    }

    static List<RemediationRun> runsOf(Handle handle, IncidentId incident) {
        return loadRuns(handle, handle.attach(RunDao.class).idsOfIncident(incident.value()));
    }

    private static List<RemediationRun> loadRuns(Handle handle, List<Long> ids) {
        return ids.stream().map(id -> loadRun(handle, id).orElseThrow()).toList();
    }
}

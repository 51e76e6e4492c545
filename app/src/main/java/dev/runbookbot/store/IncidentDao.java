package dev.runbookbot.store;

import dev.runbookbot.incident.Incident;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code incident} table. */
@RegisterRowMapper(RowMappers.IncidentMapper.class)
interface IncidentDao {
    @SqlUpdate("""
            INSERT INTO incident (id, title, runbook_id, runbook_version, service, severity, environment, source,
                dedup_key, thread_channel, thread_ts, state, triggered_by, created_ms, updated_ms, previous_id,
                acknowledged_by, acknowledged_ms, escalation_deadline_ms)
            VALUES (:id, :title, :runbookId, :runbookVersion, :service, :severity, :environment, :source,
                :dedupKey, :threadChannel, :threadTs, :state, :triggeredBy, :createdMs, :updatedMs, :previousId,
                :acknowledgedBy, :acknowledgedMs, :escalationDeadlineMs)
            """)
    void insert(@BindMethods IncidentRow row);

    /** Compare-and-set: changes the row only if it is still in {@code expectedState} at {@code expectedVersion}. */
    @SqlUpdate("""
            UPDATE incident
               SET state = :state, updated_ms = :updatedMs, thread_channel = :threadChannel, thread_ts = :threadTs,
                   runbook_id = :runbookId, runbook_version = :runbookVersion,
                   acknowledged_by = :acknowledgedBy, acknowledged_ms = :acknowledgedMs,
                   escalation_deadline_ms = :escalationDeadlineMs, version = version + 1
             WHERE id = :id AND state = :expectedState AND version = :expectedVersion
            """)
    int update(
            @BindMethods IncidentRow row,
            @Bind("expectedState") String expectedState,
            @Bind("expectedVersion") long expectedVersion);

    @SqlQuery("SELECT * FROM incident WHERE id = :id")
    Optional<Incident> find(@Bind("id") long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM incident WHERE id = :id)")
    boolean exists(@Bind("id") long id);

    @SqlQuery("SELECT version FROM incident WHERE id = :id")
    long version(@Bind("id") long id);

    @SqlQuery("SELECT * FROM incident WHERE dedup_key = :key AND state <> 'RESOLVED'")
    Optional<Incident> findOpenByDedupKey(@Bind("key") String dedupKey);

    @SqlQuery("SELECT max(id) FROM incident WHERE dedup_key = :key AND state = 'RESOLVED'")
    Optional<Long> latestResolvedByDedupKey(@Bind("key") String dedupKey);

    @SqlQuery("SELECT * FROM incident WHERE (:openOnly = FALSE OR state <> 'RESOLVED') ORDER BY id DESC LIMIT :limit")
    List<Incident> list(@Bind("openOnly") boolean openOnly, @Bind("limit") int limit);

    @SqlQuery("SELECT * FROM incident WHERE runbook_id = :runbook AND id < :before ORDER BY id DESC LIMIT :limit")
    List<Incident> ofRunbook(@Bind("runbook") String runbookId, @Bind("before") long before, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM incident WHERE runbook_id = :runbook AND id < :before")
    int countOfRunbook(@Bind("runbook") String runbookId, @Bind("before") long before);

    @SqlQuery("""
            SELECT * FROM incident
             WHERE state <> 'RESOLVED' AND acknowledged_by IS NULL AND escalation_deadline_ms IS NOT NULL
             ORDER BY escalation_deadline_ms, id
            """)
    List<Incident> pendingEscalations();
}

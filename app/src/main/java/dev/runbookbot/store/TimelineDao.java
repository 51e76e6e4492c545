package dev.runbookbot.store;

import dev.runbookbot.audit.TimelineEvent;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code timeline_event} table: append and read in time order. */
@RegisterRowMapper(RowMappers.TimelineEventMapper.class)
interface TimelineDao {
    @SqlUpdate("""
            INSERT INTO timeline_event (incident_id, run_id, at_ms, kind, actor, summary, detail)
            VALUES (:incidentId, :runId, :atMs, :kind, :actor, :summary, :detail)
            """)
    void insert(
            @Bind("incidentId") long incidentId,
            @Bind("runId") Long runId,
            @Bind("atMs") long atMs,
            @Bind("kind") String kind,
            @Bind("actor") String actor,
            @Bind("summary") String summary,
            @Bind("detail") String detail);

    @SqlQuery("SELECT * FROM timeline_event WHERE incident_id = :incidentId ORDER BY at_ms, id")
    List<TimelineEvent> ofIncident(@Bind("incidentId") long incidentId);
}

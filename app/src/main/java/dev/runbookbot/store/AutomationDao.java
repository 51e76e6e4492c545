package dev.runbookbot.store;

import dev.runbookbot.incident.OverrideCount;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code automation_event} table and the runbook-bots article's overrides query. */
@RegisterRowMapper(RowMappers.OverrideCountMapper.class)
interface AutomationDao {
    @SqlUpdate("""
            INSERT INTO automation_event (incident_id, run_id, at_ms, service, environment, action, status, actor, detail)
            VALUES (:incidentId, :runId, :atMs, :service, :environment, :action, :status, :actor, :detail)
            """)
    void insert(
            @Bind("incidentId") Long incidentId,
            @Bind("runId") Long runId,
            @Bind("atMs") long atMs,
            @Bind("service") String service,
            @Bind("environment") String environment,
            @Bind("action") String action,
            @Bind("status") String status,
            @Bind("actor") String actor,
            @Bind("detail") String detail);

    /** "Find actions that consistently need human override", with overrides counted beside manual takeovers. */
    @SqlQuery("""
            SELECT action,
                   sum(CASE WHEN status = 'requires_manual' THEN 1 ELSE 0 END) AS requires_manual,
                   sum(CASE WHEN status = 'overridden' THEN 1 ELSE 0 END)      AS overridden,
                   count(*)                                                    AS all_events
              FROM automation_event
             GROUP BY action
            HAVING sum(CASE WHEN status IN ('requires_manual', 'overridden') THEN 1 ELSE 0 END) > 0
             ORDER BY sum(CASE WHEN status IN ('requires_manual', 'overridden') THEN 1 ELSE 0 END) DESC, action
            """)
    List<OverrideCount> overrideReport();
}

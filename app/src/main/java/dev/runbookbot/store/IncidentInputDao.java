package dev.runbookbot.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code incident_input} table: one row per incident, replaced when saved again. */
@RegisterRowMapper(IncidentInputRow.Mapper.class)
interface IncidentInputDao {
    @SqlUpdate("""
            INSERT INTO incident_input (incident_id, params_json, labels_json, annotations_json)
                VALUES (:incidentId, :paramsJson, :labelsJson, :annotationsJson)
                ON CONFLICT (incident_id) DO UPDATE SET
                    params_json = excluded.params_json,
                    labels_json = excluded.labels_json,
                    annotations_json = excluded.annotations_json
            """)
    int upsert(
            @Bind("incidentId") long incidentId,
            @Bind("paramsJson") String paramsJson,
            @Bind("labelsJson") String labelsJson,
            @Bind("annotationsJson") String annotationsJson);

    @SqlUpdate("""
            INSERT INTO incident_input (incident_id, params_json, labels_json, annotations_json)
                VALUES (:incidentId, :paramsJson, :labelsJson, :annotationsJson)
                ON CONFLICT (incident_id) DO NOTHING
            """)
    int insertIfAbsent(
            @Bind("incidentId") long incidentId,
            @Bind("paramsJson") String paramsJson,
            @Bind("labelsJson") String labelsJson,
            @Bind("annotationsJson") String annotationsJson);

    @SqlQuery("SELECT * FROM incident_input WHERE incident_id = :incidentId")
    Optional<IncidentInputRow> find(@Bind("incidentId") long incidentId);
}

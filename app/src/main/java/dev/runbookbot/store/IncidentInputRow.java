package dev.runbookbot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of the {@code incident_input} table: three JSON objects, as {@link IncidentInputsJson} wrote them. */
record IncidentInputRow(long incidentId, String paramsJson, String labelsJson, String annotationsJson) {

    public static final class Mapper implements RowMapper<IncidentInputRow> {
        @Override
        public IncidentInputRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new IncidentInputRow(
                    rs.getLong("incident_id"),
                    rs.getString("params_json"),
                    rs.getString("labels_json"),
                    rs.getString("annotations_json"));
        }
    }
}

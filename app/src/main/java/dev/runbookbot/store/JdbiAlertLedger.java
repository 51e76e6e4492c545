package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.intake.AlertLedger;
import dev.runbookbot.incident.intake.AlertStatus;
import dev.runbookbot.incident.intake.GroupedAlert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link AlertLedger} in the bot's SQLite database (table {@code alert_group_member}, migration 7), through the same
 * one writer as the incidents. Times are stored as milliseconds. Thread-safe.
 */
public final class JdbiAlertLedger implements AlertLedger {
    private static final String COLUMNS =
            "group_key, fingerprint, alert_name, incident_id, status, starts_ms, ended_ms";

    private final StoreDatabase database;

    public JdbiAlertLedger(StoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public List<GroupedAlert> group(String groupKey) {
        return database.read(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM alert_group_member WHERE group_key = :key ORDER BY rowid")
                .bind("key", groupKey)
                .map(JdbiAlertLedger::row)
                .list());
    }

    @Override
    public List<GroupedAlert> ofIncident(IncidentId incident) {
        return database.read(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM alert_group_member WHERE incident_id = :id ORDER BY rowid")
                .bind("id", incident.value())
                .map(JdbiAlertLedger::row)
                .list());
    }

    @Override
    public Optional<Instant> lastResolution(String fingerprint) {
        return database.read(
                h -> h.createQuery("SELECT max(ended_ms) FROM alert_group_member WHERE fingerprint = :fingerprint")
                        .bind("fingerprint", fingerprint)
                        .mapTo(Long.class)
                        .findOne()
                        .map(Instant::ofEpochMilli));
    }

    @Override
    public void record(List<GroupedAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        database.write(h -> {
            for (GroupedAlert alert : alerts) {
                h.createUpdate("""
                                INSERT INTO alert_group_member (%s)
                                    VALUES (:groupKey, :fingerprint, :alertName, :incident, :status, :startsMs, :endedMs)
                                    ON CONFLICT (group_key, fingerprint) DO UPDATE SET
                                        alert_name = excluded.alert_name,
                                        incident_id = excluded.incident_id,
                                        status = excluded.status,
                                        starts_ms = excluded.starts_ms,
                                        ended_ms = excluded.ended_ms
                                """.formatted(COLUMNS))
                        .bind("groupKey", alert.groupKey())
                        .bind("fingerprint", alert.fingerprint())
                        .bind("alertName", alert.alertName())
                        .bind(
                                "incident",
                                alert.incident().map(IncidentId::value).orElse(null))
                        .bind("status", alert.status().name())
                        .bind("startsMs", alert.startsAt().toEpochMilli())
                        .bind(
                                "endedMs",
                                alert.endedAt().map(Instant::toEpochMilli).orElse(null))
                        .execute();
            }
            return alerts.size();
        });
    }

    private static GroupedAlert row(ResultSet rs, StatementContext ctx) throws SQLException {
        long incident = rs.getLong("incident_id");
        Optional<IncidentId> incidentId = rs.wasNull() ? Optional.empty() : Optional.of(new IncidentId(incident));
        long ended = rs.getLong("ended_ms");
        Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        return new GroupedAlert(
                rs.getString("group_key"),
                rs.getString("fingerprint"),
                rs.getString("alert_name"),
                incidentId,
                AlertStatus.valueOf(rs.getString("status")),
                Instant.ofEpochMilli(rs.getLong("starts_ms")),
                endedAt);
    }
}

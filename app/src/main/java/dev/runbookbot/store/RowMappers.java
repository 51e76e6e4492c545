package dev.runbookbot.store;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Acknowledgement;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.OverrideCount;
import dev.runbookbot.incident.intake.InboundDelivery;
import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.RunTransition;
import dev.runbookbot.runbook.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of the incident schema back into the core records. Columns that may be NULL become {@link Optional}s. */
final class RowMappers {
    private RowMappers() {}

    public static final class IncidentMapper implements RowMapper<Incident> {
        @Override
        public Incident map(ResultSet rs, StatementContext ctx) throws SQLException {
            Optional<String> ackBy = text(rs, "acknowledged_by");
            Optional<Instant> ackAt = instant(rs, "acknowledged_ms");
            return new Incident(
                    new IncidentId(rs.getLong("id")),
                    rs.getString("title"),
                    rs.getString("runbook_id"),
                    rs.getString("runbook_version"),
                    rs.getString("service"),
                    Severity.valueOf(rs.getString("severity")),
                    rs.getString("environment"),
                    IncidentSource.valueOf(rs.getString("source")),
                    text(rs, "dedup_key"),
                    location(rs, "thread_channel", "thread_ts"),
                    IncidentState.valueOf(rs.getString("state")),
                    rs.getString("triggered_by"),
                    Instant.ofEpochMilli(rs.getLong("created_ms")),
                    Instant.ofEpochMilli(rs.getLong("updated_ms")),
                    number(rs, "previous_id").map(IncidentId::new),
                    ackBy.map(by -> new Acknowledgement(by, ackAt.orElseThrow())),
                    instant(rs, "escalation_deadline_ms"));
        }
    }

    public static final class RunRowMapper implements RowMapper<RunRow> {
        @Override
        public RunRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new RunRow(
                    rs.getLong("id"),
                    rs.getLong("incident_id"),
                    rs.getString("remediation_id"),
                    rs.getInt("attempt"),
                    rs.getString("action"),
                    rs.getString("preview"),
                    rs.getString("state"),
                    rs.getString("requested_by"),
                    rs.getLong("requested_ms"),
                    rs.getInt("required_approvals"),
                    number(rs, "approval_deadline_ms").orElse(null),
                    number(rs, "run_deadline_ms").orElse(null),
                    rs.getString("worker"),
                    rs.getString("message_channel"),
                    rs.getString("message_ts"),
                    rs.getLong("version"));
        }
    }

    public static final class ApprovalMapper implements RowMapper<Approval> {
        @Override
        public Approval map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Approval(
                    rs.getString("approver"), Instant.ofEpochMilli(rs.getLong("at_ms")), rs.getString("reason"));
        }
    }

    public static final class TransitionMapper implements RowMapper<RunTransition> {
        @Override
        public RunTransition map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new RunTransition(
                    text(rs, "from_state").map(RunState::valueOf),
                    RunState.valueOf(rs.getString("to_state")),
                    rs.getString("actor"),
                    Instant.ofEpochMilli(rs.getLong("at_ms")),
                    rs.getString("reason"));
        }
    }

    public static final class TimelineEventMapper implements RowMapper<TimelineEvent> {
        @Override
        public TimelineEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new TimelineEvent(
                    rs.getLong("id"),
                    new IncidentId(rs.getLong("incident_id")),
                    number(rs, "run_id").map(RunId::new),
                    Instant.ofEpochMilli(rs.getLong("at_ms")),
                    TimelineKind.valueOf(rs.getString("kind")),
                    rs.getString("actor"),
                    rs.getString("summary"),
                    rs.getString("detail"));
        }
    }

    public static final class DeliveryMapper implements RowMapper<InboundDelivery> {
        @Override
        public InboundDelivery map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new InboundDelivery(
                    rs.getString("key"),
                    rs.getString("source"),
                    Instant.ofEpochMilli(rs.getLong("received_ms")),
                    rs.getString("body"),
                    instant(rs, "processed_ms"),
                    text(rs, "outcome"));
        }
    }

    public static final class OverrideCountMapper implements RowMapper<OverrideCount> {
        @Override
        public OverrideCount map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new OverrideCount(
                    rs.getString("action"),
                    rs.getLong("requires_manual"),
                    rs.getLong("overridden"),
                    rs.getLong("all_events"));
        }
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static Optional<Long> number(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return number(rs, column).map(Instant::ofEpochMilli);
    }

    private static Optional<ChatLocation> location(ResultSet rs, String channelColumn, String tsColumn)
            throws SQLException {
        String channel = rs.getString(channelColumn);
        return channel == null ? Optional.empty() : Optional.of(new ChatLocation(channel, rs.getString(tsColumn)));
    }
}

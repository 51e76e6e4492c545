package dev.runbookbot.store;

import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.RunTransition;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code remediation_run} table with its approvals ({@code run_approval}) and audit trail ({@code run_transition}). */
@RegisterRowMapper(RowMappers.RunRowMapper.class)
@RegisterRowMapper(RowMappers.ApprovalMapper.class)
@RegisterRowMapper(RowMappers.TransitionMapper.class)
interface RunDao {
    @SqlUpdate("""
            INSERT INTO remediation_run (id, incident_id, remediation_id, attempt, action, preview, state, requested_by,
                requested_ms, required_approvals, approval_deadline_ms, run_deadline_ms, worker, message_channel,
                message_ts, version)
            VALUES (:id, :incidentId, :remediationId, :attempt, :action, :preview, :state, :requestedBy,
                :requestedMs, :requiredApprovals, :approvalDeadlineMs, :runDeadlineMs, :worker, :messageChannel,
                :messageTs, :version)
            """)
    void insert(@BindMethods RunRow row);

    /** Compare-and-set on state and version; the version moves on with every change, partial approvals included. */
    @SqlUpdate("""
            UPDATE remediation_run
               SET state = :state, run_deadline_ms = :runDeadlineMs, worker = :worker,
                   message_channel = :messageChannel, message_ts = :messageTs, version = version + 1
             WHERE id = :id AND state = :expectedState AND version = :expectedVersion
            """)
    int update(
            @BindMethods RunRow row,
            @Bind("expectedState") String expectedState,
            @Bind("expectedVersion") long expectedVersion);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM remediation_run WHERE id = :id)")
    boolean exists(@Bind("id") long id);

    @SqlQuery("SELECT * FROM remediation_run WHERE id = :id")
    Optional<RunRow> find(@Bind("id") long id);

    @SqlQuery("""
            SELECT id FROM remediation_run
             WHERE incident_id = :incidentId AND remediation_id = :remediationId AND attempt = :attempt
            """)
    Optional<Long> findAttempt(
            @Bind("incidentId") long incidentId,
            @Bind("remediationId") String remediationId,
            @Bind("attempt") int attempt);

    @SqlQuery("SELECT id FROM remediation_run WHERE incident_id = :incidentId ORDER BY id")
    List<Long> idsOfIncident(@Bind("incidentId") long incidentId);

    @SqlQuery("SELECT id FROM remediation_run WHERE state = :state ORDER BY id")
    List<Long> idsInState(@Bind("state") String state);

    /** The running run for the same service and environment as {@code incidentId}'s, other than {@code runId}. */
    @SqlQuery("""
            SELECT r.id FROM remediation_run r
              JOIN incident i ON i.id = r.incident_id
              JOIN incident mine ON mine.id = :incidentId
             WHERE r.state = 'RUNNING' AND r.id <> :runId
               AND i.service = mine.service AND i.environment = mine.environment
             ORDER BY r.id LIMIT 1
            """)
    Optional<Long> runningOnTarget(@Bind("incidentId") long incidentId, @Bind("runId") long runId);

    /** The restart rule for approval deadlines ({@code RunDeadlines.clampedDeadline}); a proposed run only. */
    @SqlUpdate("""
            UPDATE remediation_run SET approval_deadline_ms = :deadlineMs, version = version + 1
             WHERE id = :id AND state = 'PROPOSED'
            """)
    int moveApprovalDeadline(@Bind("id") long id, @Bind("deadlineMs") long deadlineMs);

    @SqlUpdate("INSERT INTO run_approval (run_id, approver, at_ms, reason) VALUES (:runId, :approver, :atMs, :reason)")
    void insertApproval(
            @Bind("runId") long runId,
            @Bind("approver") String approver,
            @Bind("atMs") long atMs,
            @Bind("reason") String reason);

    @SqlQuery("SELECT * FROM run_approval WHERE run_id = :runId ORDER BY at_ms, rowid")
    List<Approval> approvals(@Bind("runId") long runId);

    @SqlUpdate("""
            INSERT INTO run_transition (run_id, from_state, to_state, actor, at_ms, reason)
            VALUES (:runId, :fromState, :toState, :actor, :atMs, :reason)
            """)
    void insertTransition(
            @Bind("runId") long runId,
            @Bind("fromState") String fromState,
            @Bind("toState") String toState,
            @Bind("actor") String actor,
            @Bind("atMs") long atMs,
            @Bind("reason") String reason);

    @SqlQuery("SELECT * FROM run_transition WHERE run_id = :runId ORDER BY id")
    List<RunTransition> transitions(@Bind("runId") long runId);
}

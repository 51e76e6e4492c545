package dev.runbookbot.incident;

import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, says in each incident's thread what {@link IncidentStore#recover()} found: a run that was running
 * is interrupted (its effect unknown; nothing re-runs by itself), a proposal that expired while the bot was down has
 * lost its buttons, a proposal still open is shown again with working buttons, and an approval that never led to a run
 * is pointed out. Every run message is re-rendered in place, so the thread shows the record as it is. Runs whose runbook
 * or remediation is gone from the catalog are only logged. Thread-safe.
 */
public final class RecoveryNotices {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryNotices.class);

    private final Catalog catalog;
    private final IncidentQueries records;
    private final ChatGateway chat;

    public RecoveryNotices(Catalog catalog, IncidentQueries records, ChatGateway chat) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.records = Objects.requireNonNull(records, "records");
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    public void announce(RecoveryReport report) {
        for (RemediationRun run : report.interrupted()) {
            show(
                    run,
                    run.label() + " was running when runbook-bot stopped, so its effect is unknown. Check the"
                            + " target before doing anything else; it is never re-run by itself.");
        }
        for (RemediationRun run : report.expired()) {
            show(run, "The approval of " + run.label() + " expired while runbook-bot was down.");
        }
        for (RemediationRun run : report.awaitingApproval()) {
            show(run, "");
        }
        for (RemediationRun run : report.approvedNotStarted()) {
            show(run, run.label() + " was approved but had not started when runbook-bot stopped.");
        }
        if (!report.pendingEscalations().isEmpty()) {
            LOG.info(
                    "{} incidents are waiting for acknowledgement after the restart",
                    report.pendingEscalations().size());
        }
    }

    /**
     * Says in their threads what the reaper changed: approvals nobody answered in time, runs past their deadline, runs
     * whose worker died.
     */
    public void announceReaped(List<RemediationRun> changed) {
        for (RemediationRun run : changed) {
            switch (run.state()) {
                case EXPIRED ->
                    show(
                            run,
                            "Nobody decided on " + run.label() + " before its approval deadline, so it"
                                    + " expired. Run the runbook again to propose it anew.");
                case FAILED ->
                    show(
                            run,
                            run.label() + " did not finish by its deadline and is recorded as failed;"
                                    + " its effect is unknown. Check the target before doing anything else.");
                case INTERRUPTED ->
                    show(
                            run,
                            run.label() + " lost its worker while running, so its effect is"
                                    + " unknown. Check the target; it is never re-run by itself.");
                default -> LOG.debug("reaper changed {} to {}", run.label(), run.state());
            }
        }
    }

    private void show(RemediationRun run, String note) {
        Optional<Incident> incident = records.incident(run.incidentId());
        Optional<RunbookSpec> runbook = incident.flatMap(i -> catalog.byId(i.runbookId()));
        Optional<RemediationSpec> remediation = runbook.flatMap(r -> r.remediation(run.remediationId()));
        if (remediation.isEmpty()) {
            LOG.warn(
                    "{} of {} cannot be shown again: its runbook or remediation is no longer in the catalog",
                    run.label(),
                    run.incidentId());
            return;
        }
        Incident current = incident.get();
        RemediationRun latest = records.run(run.id()).orElse(run);
        if (run.message().isPresent() || latest.message().isPresent()) {
            chat.showRemediation(new RemediationView(current, runbook.get(), remediation.get(), latest, ""));
        }
        String extra = latest.state() == RunState.APPROVED
                        && remediation.get().type() != RemediationType.MANUAL
                        && remediation.get().safety().needsHuman()
                ? " To run it now, run the runbook again and approve it anew."
                : "";
        if (!note.isEmpty()) {
            chat.note(current, note + extra);
        }
    }
}

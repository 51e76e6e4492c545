package dev.runbookbot.remediate;

import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A remediation with {@code after: [...]} runs only once each remediation it names has succeeded in the same incident
 * (cordon, then drain). The click path refuses an Approve, Run or Done clicked too early ({@link #waitingFor} over the
 * runs loaded with the click); this guard asks again at the moment of execution, over the incident's runs as stored
 * now, so a run that starts by itself (a safe action) waits the same way. Thread-safe.
 */
public final class OrderingGuard implements Guard {
    private final RunStore store;

    public OrderingGuard(RunStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public GuardDecision check(GuardContext context) {
        RemediationSpec remediation = context.remediation().remediation();
        if (remediation.preconditions().after().isEmpty()) {
            return GuardDecision.allow();
        }
        return waitingFor(
                        context.remediation().runbook(),
                        remediation,
                        store.runs(context.incident().incidentId()))
                .map(reason -> GuardDecision.refuse(context.run().label() + " " + reason))
                .orElse(GuardDecision.allow());
    }

    /**
     * Why {@code remediation} cannot go ahead yet among {@code runs} (the incident's runs), such as {@code "runs only
     * after cordon_node (Cordon the Node) has succeeded; cordon_node is waiting for approval"}; empty when every
     * remediation it names has a run that succeeded.
     */
    public static Optional<String> waitingFor(
            RunbookSpec runbook, RemediationSpec remediation, List<RemediationRun> runs) {
        List<String> waiting = new ArrayList<>();
        for (String first : remediation.preconditions().after()) {
            List<RemediationRun> itsRuns =
                    runs.stream().filter(r -> r.remediationId().equals(first)).toList();
            if (itsRuns.stream().anyMatch(r -> r.state() == RunState.SUCCEEDED)) {
                continue;
            }
            String name = runbook.remediation(first)
                    .map(r -> first + " (" + r.name() + ")")
                    .orElse(first);
            waiting.add(
                    itsRuns.isEmpty()
                            ? name + " has not been proposed in this incident"
                            : name + " " + RemediationLifecycle.describe(itsRuns.get(itsRuns.size() - 1)));
        }
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("runs only after "
                + String.join(" and ", remediation.preconditions().after()) + " succeeded in this incident; "
                + String.join("; ", waiting));
    }
}

package dev.runbookbot.slack;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.slack.render.ThreadReplyMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the one reply in an incident's thread shows: the diagnosis, the plan and each remediation run (and the runbook's
 * last times), and which of
 * those runs have been reported as shown there ({@link dev.runbookbot.incident.ChatPlacements#runShown}). Not
 * thread-safe: its {@link IncidentThread} calls it with its lock held.
 */
final class ReplyContents {
    private Optional<ThreadReplyMessage.Diagnosis> diagnosis = Optional.empty();
    private Optional<Plan> plan = Optional.empty();
    private final Map<RunId, RemediationView> runs = new LinkedHashMap<>();
    private final Set<RunId> placedRuns = new HashSet<>();
    private Optional<String> lastTimes = Optional.empty();

    void diagnosis(ThreadReplyMessage.Diagnosis shown) {
        diagnosis = Optional.of(shown);
    }

    /** What happened the previous times the runbook ran: shown with the rest, never posted for itself. */
    void lastTimes(String text) {
        lastTimes = Optional.of(text);
    }

    void plan(Plan decided) {
        plan = Optional.of(decided);
    }

    /** Shows {@code view}; {@code others} are runs already shown elsewhere, so their place is not reported again. */
    void remediation(RemediationView view, List<RemediationView> others) {
        for (RemediationView other : others) {
            runs.putIfAbsent(other.run().id(), other);
            placedRuns.add(other.run().id());
        }
        runs.put(view.run().id(), view);
    }

    boolean shows(RunId run) {
        return runs.containsKey(run);
    }

    boolean showsAnything() {
        return diagnosis.isPresent() || plan.isPresent() || !runs.isEmpty();
    }

    /** {@code run}'s place has been reported. */
    void placed(RunId run) {
        placedRuns.add(run);
    }

    /** The runs whose place is still to be reported, now counted as reported. */
    List<RunId> placeUnplaced() {
        List<RunId> unplaced = new ArrayList<>();
        for (RunId run : runs.keySet()) {
            if (placedRuns.add(run)) {
                unplaced.add(run);
            }
        }
        return unplaced;
    }

    /**
     * The reply as it now is. Proposals without their diagnosis were shown by a process that did not run it, so the
     * reply says what the record says ({@code recordedDiagnosis}).
     */
    ThreadReplyMessage message(
            Incident incident, RunbookSpec runbook, Function<IncidentId, List<String>> recordedDiagnosis) {
        List<String> recorded =
                diagnosis.isEmpty() && !runs.isEmpty() ? recordedDiagnosis.apply(incident.id()) : List.of();
        return new ThreadReplyMessage(
                incident, runbook, diagnosis, plan, List.copyOf(runs.values()), recorded, lastTimes);
    }
}

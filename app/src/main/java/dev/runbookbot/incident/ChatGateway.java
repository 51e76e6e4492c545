package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.remediate.ChannelMessages;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Optional;

/**
 * The incident's conversation, as the core sees it: one parent message per incident that always shows its current
 * state (edited, never re-posted), a thread under it with the diagnosis (updated as results arrive), the plan and each
 * remediation with its buttons (an implementation may show them all in one message it edits, as Slack's does), and
 * notes. Everything that came from alerts or command output is hostile text: implementations escape it.
 *
 * <p>Implementations are thread-safe and must not block the caller on rate limits: progress updates may be coalesced
 * (the last one always delivered), and a failure is logged and returned, never thrown. A message the chat service does
 * not take at once but may take later is kept and delivered when it does ({@link ChatPost.Pending}); where it landed
 * is then reported through {@link ChatPlacements}.
 */
public interface ChatGateway extends ChannelMessages {
    /** Posts the parent message of a new incident in {@code channel}. */
    ChatPost openThread(String channel, Incident incident, RunbookSpec runbook);

    /** Edits the parent message so it shows the incident's current state. */
    void showIncident(Incident incident, RunbookSpec runbook);

    /**
     * Shows the diagnosis so far in the thread's progress message ({@code results} in the order they finished, of
     * {@code total} steps); {@code finished} marks the last update, which must be delivered.
     */
    void showDiagnosis(
            Incident incident, RunbookSpec runbook, List<DiagnosticResult> results, int total, boolean finished);

    /**
     * Shows what happened the previous times {@code runbook} handled an incident ({@link LastTimes}) in the thread of
     * a new one. No one acts on it, so an implementation that edits one reply shows it there rather than posting it;
     * by default it is a {@link #note}.
     */
    default void showLastTimes(Incident incident, RunbookSpec runbook, String text) {
        note(incident, text);
    }

    /** Posts the decision summary and the plan in the thread. */
    void showPlan(Incident incident, RunbookSpec runbook, Plan plan);

    /** Posts a remediation with its buttons (or edits its message when the run already has one). */
    ChatPost showRemediation(RemediationView view);

    /** Posts a note in the incident's thread (outcomes, refusals worth recording, escalations). */
    void note(Incident incident, String text);

    /** Posts a message to a channel outside any thread (escalation, unmatched alerts). */
    @Override
    ChatPost post(String channel, String text);

    /** Tells one person something only they see. */
    void tell(String channel, String userId, String text);

    /**
     * A link people can click to open the message at {@code location} (Slack's permalink, {@code chat.getPermalink}),
     * or empty when the gateway cannot make one; callers then name the channel and message timestamp instead. Blocks
     * for at most one API call.
     */
    default Optional<String> link(ChatLocation location) {
        return Optional.empty();
    }

    /**
     * Where this gateway posted the parent message of {@code incident}, as it knows it itself: a click can arrive in
     * the moment between the chat service taking a message and the record saying where it is. Empty when unknown.
     */
    default Optional<ChatLocation> placeOf(IncidentId incident) {
        return Optional.empty();
    }

    /** Where this gateway shows {@code run} with its buttons, as it knows it itself; empty when unknown. */
    default Optional<ChatLocation> placeOf(RunId run) {
        return Optional.empty();
    }
}

package dev.runbookbot.testing;

import dev.runbookbot.decide.Plan;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.ChatLocation;
import dev.runbookbot.incident.ChatPost;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat gateway for tests of the core: it records what the incident service asked to show and answers every post as
 * posted, in a channel named as asked, with increasing message timestamps. Thread-safe.
 */
public final class RecordingChatGateway implements ChatGateway {
    private final List<Incident> parents = new ArrayList<>();
    private final List<RemediationView> remediations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final List<Plan> plans = new ArrayList<>();
    private long nextTs = 1;

    @Override
    public synchronized ChatPost openThread(String channel, Incident incident, RunbookSpec runbook) {
        parents.add(incident);
        return new ChatPost.Posted(new ChatLocation(channel, ts()));
    }

    @Override
    public synchronized void showIncident(Incident incident, RunbookSpec runbook) {
        parents.add(incident);
    }

    @Override
    public void showDiagnosis(
            Incident incident, RunbookSpec runbook, List<DiagnosticResult> results, int total, boolean finished) {}

    @Override
    public synchronized void showPlan(Incident incident, RunbookSpec runbook, Plan plan) {
        plans.add(plan);
    }

    @Override
    public synchronized ChatPost showRemediation(RemediationView view) {
        remediations.add(view);
        ChatLocation where = view.run()
                .message()
                .orElseGet(() -> new ChatLocation(
                        view.incident().thread().map(ChatLocation::channel).orElse("C0"), ts()));
        return new ChatPost.Posted(where);
    }

    @Override
    public synchronized void note(Incident incident, String text) {
        notes.add(text);
    }

    @Override
    public synchronized ChatPost post(String channel, String text) {
        notes.add(text);
        return new ChatPost.Posted(new ChatLocation(channel, ts()));
    }

    @Override
    public synchronized void tell(String channel, String userId, String text) {
        told.add(userId + ": " + text);
    }

    /** Every incident as the parent message was asked to show it, oldest first. */
    public synchronized List<Incident> parents() {
        return List.copyOf(parents);
    }

    /** Every remediation as it was asked to be shown (posted or edited), oldest first. */
    public synchronized List<RemediationView> remediations() {
        return List.copyOf(remediations);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized List<String> told() {
        return List.copyOf(told);
    }

    public synchronized List<Plan> plans() {
        return List.copyOf(plans);
    }

    private String ts() {
        return "1700000000." + String.format("%06d", nextTs++);
    }
}

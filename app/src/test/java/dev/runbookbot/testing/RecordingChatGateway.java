package dev.runbookbot.testing;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ChatGateway} that records what the core asked to show, one line per call, for assertions. */
public class RecordingChatGateway implements ChatGateway {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<RemediationView> remediations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ts = new AtomicLong(1000);
    private volatile boolean notInChannel;

    /** From now on, opening a thread answers that the bot is not in the channel. */
    public void refuseChannels() {
        notInChannel = true;
    }

    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<RemediationView> remediations() {
        synchronized (remediations) {
            return List.copyOf(remediations);
        }
    }

    @Override
    public ChatPost openThread(String channel, Incident incident, RunbookSpec runbook) {
        calls.add("openThread " + channel + " " + incident.id());
        if (notInChannel) {
            return new ChatPost.NotInChannel(channel, "invite the bot with /invite @runbook-bot");
        }
        return new ChatPost.Posted(new ChatLocation(channel, next()));
    }

    @Override
    public void showIncident(Incident incident, RunbookSpec runbook) {
        calls.add("showIncident " + incident.id() + " " + incident.state());
    }

    @Override
    public void showDiagnosis(
            Incident incident, RunbookSpec runbook, List<DiagnosticResult> results, int total, boolean finished) {
        calls.add("showDiagnosis " + incident.id() + " " + results.size() + "/" + total + (finished ? " final" : ""));
    }

    @Override
    public void showPlan(Incident incident, RunbookSpec runbook, Plan plan) {
        calls.add("showPlan " + incident.id() + " " + plan.severity().label() + " "
                + plan.remediations().stream().map(r -> r.remediation().id()).toList());
    }

    @Override
    public ChatPost showRemediation(RemediationView view) {
        remediations.add(view);
        calls.add("showRemediation " + view.run().label() + " " + view.run().state());
        return view.run()
                .message()
                .<ChatPost>map(ChatPost.Posted::new)
                .orElseGet(() -> new ChatPost.Posted(new ChatLocation("C-thread", next())));
    }

    @Override
    public void note(Incident incident, String text) {
        calls.add("note " + incident.id() + " " + text);
    }

    @Override
    public ChatPost post(String channel, String text) {
        calls.add("post " + channel + " " + text);
        return new ChatPost.Posted(new ChatLocation(channel, next()));
    }

    @Override
    public void tell(String channel, String userId, String text) {
        calls.add("tell " + userId + " " + text);
    }

    private String next() {
        return ts.incrementAndGet() + ".000100";
    }
}

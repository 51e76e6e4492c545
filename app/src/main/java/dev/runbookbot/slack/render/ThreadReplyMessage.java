package dev.runbookbot.slack.render;

import dev.runbookbot.decide.Plan;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one message the bot posts in an incident's thread and then edits as the diagnosis, the verdict and the
 * proposals arrive, so that an incident costs two posts (this and its parent) against Slack's one message per second
 * per channel. While the diagnosis runs it shows the progress ({@link DiagnosisMessage}); once there is a verdict it
 * shows what a person acts on first: the verdict ({@link PlanMessage}), then every proposed remediation with its state
 * and buttons ({@link RemediationMessage}, each button carrying its run id), then the diagnosis it came from. When the
 * message would pass Slack's limits the evidence is cut, the diagnosis first; buttons are always kept.
 *
 * @param diagnosis the diagnosis so far, empty when it is not known (the bot restarted since it was shown)
 * @param plan the verdict, once decided
 * @param remediations the proposed remediations in the order they were proposed, each as it now stands
 * @param recorded when the diagnosis is not known, the diagnosis and decisions as the record has them (one line each)
 * @param lastTimes what happened the previous times the runbook ran ({@code incident.LastTimes}), shown last; part of
 *     this message rather than a post of its own, since no one needs to act on it
 */
public record ThreadReplyMessage(
        Incident incident,
        RunbookSpec runbook,
        Optional<Diagnosis> diagnosis,
        Optional<Plan> plan,
        List<RemediationView> remediations,
        List<String> recorded,
        Optional<String> lastTimes) {

    /** The diagnosis so far: the results in the order they finished, of {@code total} steps. */
    public record Diagnosis(List<DiagnosticResult> results, int total, boolean finished) {
        public Diagnosis {
            results = List.copyOf(results);
        }
    }

    public ThreadReplyMessage {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(plan, "plan");
        remediations = List.copyOf(remediations);
        recorded = List.copyOf(recorded);
        Objects.requireNonNull(lastTimes, "lastTimes");
    }

    /** Whether there is anything to show yet. */
    public boolean isEmpty() {
        return diagnosis.isEmpty() && plan.isEmpty() && remediations.isEmpty();
    }

    /** Whether the message shows buttons a person may be waiting for, or the final diagnosis. */
    public boolean isActionable() {
        return plan.isPresent()
                || !remediations.isEmpty()
                || diagnosis.map(Diagnosis::finished).orElse(false);
    }

    public SlackMessage render() {
        MessageBuilder message = MessageBuilder.message(IncidentMessage.fullRecord(incident));
        if (plan.isEmpty() && remediations.isEmpty()) {
            diagnosis.ifPresent(
                    d -> DiagnosisMessage.appendTo(message, incident, runbook, d.results(), d.total(), d.finished()));
            appendLastTimes(message);
            return message.build(diagnosis
                    .map(d -> DiagnosisMessage.fallback(incident, d.results(), d.total()))
                    .orElse(incident.id() + " diagnosis"));
        }
        plan.ifPresent(p -> PlanMessage.appendTo(message, runbook, p));
        for (RemediationView view : remediations) {
            message.divider();
            RemediationMessage.appendTo(message, view);
        }
        message.divider();
        if (diagnosis.isPresent()) {
            Diagnosis d = diagnosis.get();
            DiagnosisMessage.appendTo(message, incident, runbook, d.results(), d.total(), d.finished());
        } else {
            if (!recorded.isEmpty()) {
                message.mrkdwnSection("*The diagnosis, as recorded*\n"
                        + String.join(
                                "\n", recorded.stream().map(Mrkdwn::escape).toList()));
            }
            message.context("runbook-bot restarted since the diagnosis was first shown here; all of it is in "
                    + Mrkdwn.inlineCode(IncidentMessage.fullRecord(incident)) + ".");
        }
        appendLastTimes(message);
        return message.build(plan.map(p -> PlanMessage.fallback(incident, p))
                .orElse(incident.id() + ": " + remediations.size() + " remediation(s) proposed"));
    }

    private void appendLastTimes(MessageBuilder message) {
        lastTimes.ifPresent(text -> {
            message.divider();
            message.mrkdwnSection(Mrkdwn.escape(text));
        });
    }
}

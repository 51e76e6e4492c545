package dev.runbookbot.remediate;

import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.ChatPost;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Objects;

/**
 * Escalates in chat: posts the incident, who escalated it and why in the runbook's {@code escalation.primary} channel
 * (naming the secondary, if any), through the {@link ChatGateway}, which escalates the text. A target chat cannot post
 * to (a PagerDuty service, a channel the bot is not in) is a failed outcome that says so, for the person to page by
 * hand. Thread-safe.
 */
public final class ChatEscalator implements Escalator {
    private final ChatGateway chat;

    public ChatEscalator(ChatGateway chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @Override
    public ActionOutcome escalate(Incident incident, RunbookSpec runbook, RemediationSpec remediation, String actor) {
        EscalationSpec escalation = runbook.escalation();
        String text = incident.id() + " " + incident.title() + " (" + incident.severity() + ", " + incident.service()
                + " in " + incident.environment() + ") is escalated to this channel by " + actor + ": "
                + remediation.description()
                + escalation.secondary().map(s -> ". Next: " + s).orElse("")
                + ". Its thread has the evidence; runbookctl timeline " + incident.id() + " has everything.";
        ChatPost post = chat.post(escalation.primary(), text);
        if (post instanceof ChatPost.Posted) {
            return new ActionOutcome.Completed("escalated to " + escalation.primary());
        }
        String why = post instanceof ChatPost.NotInChannel n ? n.hint() : ((ChatPost.Failed) post).reason();
        return new ActionOutcome.Failed(
                "could not escalate to " + escalation.primary() + ": " + why + "; page the on-call by hand", "");
    }
}

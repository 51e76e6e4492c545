package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;

/**
 * Opens an incident's thread: posts the parent message and records where it is, or records and tells why it is not
 * there yet. Used when an incident opens and when restart recovery finds one whose thread never got posted.
 * Thread-safe.
 */
final class ThreadOpener {
    private final IncidentStore store;
    private final ChatGateway chat;
    private final Clock clock;

    ThreadOpener(IncidentStore store, ChatGateway chat, Clock clock) {
        this.store = store;
        this.chat = chat;
        this.clock = clock;
    }

    /**
     * Posts the parent message and records where it is. When the chat service has not taken it yet ({@link
     * ChatPost.Pending}) the gateway keeps trying and records the place through {@link ChatPlacements}; only a channel
     * the bot cannot post in is worth telling the requester about.
     */
    ChatPost openThread(Incident incident, RunbookSpec runbook, RunRequest request) {
        String channel = request.channel().orElse(runbook.escalation().primary());
        ChatPost post = chat.openThread(channel, incident, runbook);
        if (post instanceof ChatPost.Posted posted) {
            store.attachThread(incident.id(), posted.location());
            return post;
        }
        String why = post.why();
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant(),
                TimelineKind.MESSAGE,
                IncidentService.BOT,
                (post instanceof ChatPost.Pending
                                ? "the incident thread in " + channel + " is not posted yet: "
                                : "could not open the incident thread in " + channel + ": ")
                        + why,
                ""));
        if (!(post instanceof ChatPost.Pending) && !request.requester().teamId().isEmpty()) {
            chat.tell(
                    request.channel().orElse(channel),
                    request.requester().userId(),
                    "I could not post in " + channel + ": " + why + ". The diagnosis runs anyway: see `/runbook status "
                            + incident.id() + "`.");
        }
        return post;
    }
}

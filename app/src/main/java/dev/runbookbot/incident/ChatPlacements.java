package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;

/**
 * Where messages that a {@link ChatGateway} delivered late ({@link ChatPost.Pending}) landed, so the record can point at
 * them: the parent message of an incident, and the message that shows a remediation run with its buttons (a click is
 * checked against it). Called from the gateway's delivery threads; implementations are thread-safe and quick.
 */
public interface ChatPlacements {
    /** Nobody listens (tests, {@code runbookctl}). */
    ChatPlacements NONE = new ChatPlacements() {
        @Override
        public void threadOpened(IncidentId incident, ChatLocation parent) {}

        @Override
        public void runShown(RunId run, ChatLocation message) {}
    };

    /** The parent message of {@code incident} was posted at {@code parent}. */
    void threadOpened(IncidentId incident, ChatLocation parent);

    /** {@code run} and its buttons are shown in the message at {@code message}. */
    void runShown(RunId run, ChatLocation message);
}

package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records late placements in the store, as the incident service records the ones it is told at once. */
public final class StoredChatPlacements implements ChatPlacements {
    private static final Logger LOG = LoggerFactory.getLogger(StoredChatPlacements.class);

    private final IncidentStore store;

    public StoredChatPlacements(IncidentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void threadOpened(IncidentId incident, ChatLocation parent) {
        try {
            store.attachThread(incident, parent);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the thread of {} at {}", incident, parent, e);
        }
    }

    @Override
    public void runShown(RunId run, ChatLocation message) {
        try {
            store.attachMessage(run, message);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the message of {} at {}", run, message, e);
        }
    }
}

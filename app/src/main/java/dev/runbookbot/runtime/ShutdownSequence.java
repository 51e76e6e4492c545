package dev.runbookbot.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a running bot must close when it stops, in the reverse order of its start: the link to Slack and the web server
 * first (nothing new comes in), then the work they feed, the message delivery, and the store last. A part that fails
 * to close is logged and the rest are closed all the same.
 */
final class ShutdownSequence {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Records a part that has been started (or opened); it is closed before every part added before it. */
    synchronized <T extends AutoCloseable> T add(T part) {
        started.push(part);
        return part;
    }

    /** Closes every part, the last added first, and forgets them. */
    synchronized void closeAll() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

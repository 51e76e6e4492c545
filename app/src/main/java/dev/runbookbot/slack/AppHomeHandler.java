package dev.runbookbot.slack;

/**
 * Publishes a user's Home tab (open incidents, recent runs, the runbook catalog) when they open it. Called on a
 * worker thread after the event was acknowledged; thread-safe; may do I/O ({@code views.publish}).
 */
@FunctionalInterface
public interface AppHomeHandler {
    void onHomeOpened(AppHomeOpened event);
}

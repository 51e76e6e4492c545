package dev.runbookbot.replica;

/**
 * Whether this replica is the one that does the background work now. A single bot on its own store always is.
 * Thread-safe.
 */
@FunctionalInterface
public interface BackgroundDuty {
    /** A duty that is always held: a bot that is the only process on its store, and tests. */
    BackgroundDuty ALWAYS = () -> true;

    boolean onDuty();

    /** {@code work}, run only while this replica is on duty when it would run. */
    default Runnable whileOnDuty(Runnable work) {
        return () -> {
            if (onDuty()) {
                work.run();
            }
        };
    }
}

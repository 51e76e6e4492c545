package dev.runbookbot.remediate;

import java.time.Duration;

/**
 * Waits between two checks of a remediation's {@code until}. The bot's waits on the calling thread (the remediation
 * executor's); a test's advances its clock instead, so no test sleeps.
 */
@FunctionalInterface
public interface Pause {
    /** Waits {@code duration}; an interrupt ends the wait early (the interrupt flag set). */
    void pause(Duration duration) throws InterruptedException;

    /** Waits on the calling thread. */
    Pause SLEEP = duration -> Thread.sleep(Math.max(0, duration.toMillis()));
}

package dev.runbookbot.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits for a condition by asking again until a deadline; never a fixed sleep standing in for "long enough". The pause
 * between attempts only keeps the loop from spinning.
 */
public final class Poll {
    private static final long PAUSE_MILLIS = 50;

    private Poll() {}

    /** Returns the first present value {@code attempt} gives, or throws naming {@code what} after {@code limit}. */
    public static <T> T until(String what, Duration limit, Supplier<Optional<T>> attempt) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Optional<T> value = attempt.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up after " + limit.toSeconds() + "s waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}

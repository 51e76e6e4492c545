package dev.runbookbot.diagnose.fetch;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.text.DurationText;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;

/**
 * A request that has been started and may still be running. {@link #await()} waits for it on the calling thread,
 * which stays interruptible: an interrupt cancels the request. Several can be started and then awaited, so a step can
 * probe many URLs in parallel within one time budget.
 */
public final class PendingFetch {
    /** How long past its own call timeout we wait for okhttp to report; it normally reports well within this. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final Call call;
    private final CompletableFuture<FetchedResponse> result;
    private final Duration timeout;
    private final long startedNanos;
    private volatile long finishedNanos;

    PendingFetch(Call call, CompletableFuture<FetchedResponse> result, Duration timeout, long startedNanos) {
        this.call = call;
        this.result = result;
        this.timeout = timeout;
        this.startedNanos = startedNanos;
        result.whenComplete((response, failure) -> finishedNanos = System.nanoTime());
    }

    /** From the start of the request to its end (answer or failure), or to now while it is still running. */
    public Duration elapsed() {
        long end = finishedNanos;
        return Duration.ofNanos((end == 0 ? System.nanoTime() : end) - startedNanos);
    }

    /** Waits for the response. A thread interrupt cancels the request and is kept set for the caller to see. */
    public FetchedResponse await() throws FetchFailure {
        try {
            return result.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new FetchFailure(FailureKind.CANCELLED, "was cancelled before it answered", false, e);
        } catch (TimeoutException e) {
            call.cancel();
            throw new FetchFailure(
                    FailureKind.TIMEOUT, "did not answer within " + DurationText.format(timeout), false, e);
        } catch (ExecutionException e) {
            throw FailureClassifier.classify(e.getCause(), timeout);
        }
    }

    /** Stops the request if it is still running. */
    public void cancel() {
        call.cancel();
    }
}

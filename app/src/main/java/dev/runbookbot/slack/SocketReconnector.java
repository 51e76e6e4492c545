package dev.runbookbot.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-opens a lost Socket Mode link with {@link ReconnectBackoff} instead of the SDK's own loop, which retried {@code
 * apps.connections.open} every 10 s whatever Slack answered (429 with {@code Retry-After} included).
 *
 * <p>{@link #watch} turns the SDK's reconnecting off (its session monitor and its reconnect on close) and takes over: a
 * check every {@link #CHECK_EVERY} (as often as the SDK's own monitor; a check on close would race the SDK's switch to
 * a new socket after a {@code disconnect}); when the link does not answer a ping and the wait after the last failure is
 * over, one attempt ({@code connectToNewEndpoint}). A {@code disconnect} frame from Slack
 * (a planned refresh) is still followed by the SDK at once; if that attempt fails, the next one waits here. Time is read
 * from an injectable monotonic ticker. Checks run on {@code checks}, an executor built and owned by the caller
 * ({@code runtime} shares one for the bot's lifetime); closing cancels this link's checks, never the executor.
 * Thread-safe.
 */
final class SocketReconnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketReconnector.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final ReconnectBackoff backoff;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService checks;
    private final Object lock = new Object();
    private ScheduledFuture<?> watching;
    private SocketModeClient client;
    private long nextAttemptNanos;

    SocketReconnector(ReconnectBackoff backoff, LongSupplier nanoTime, ScheduledExecutorService checks) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    /** Takes over reconnecting {@code watched}, an open link. */
    void watch(SocketModeClient watched) {
        synchronized (lock) {
            close();
            watched.setAutoReconnectEnabled(false);
            this.client = watched;
            this.nextAttemptNanos = nanoTime.getAsLong();
            try {
                this.watching = checks.scheduleWithFixedDelay(
                        this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.warn("Slack Socket Mode link not watched: the bot is stopping");
            }
        }
    }

    private void wake(Duration after) {
        try {
            checks.schedule(this::check, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the bot is stopping
        }
    }

    /** One check: nothing while the link answers or the wait is not over; otherwise one attempt. */
    void check() {
        SocketModeClient c;
        synchronized (lock) {
            c = client;
            if (c == null || nanoTime.getAsLong() - nextAttemptNanos < 0) {
                return;
            }
        }
        if (c.verifyConnection()) {
            backoff.reset();
            return;
        }
        try {
            c.connectToNewEndpoint();
            backoff.reset();
            LOG.info("Slack Socket Mode link re-opened");
        } catch (IOException | RuntimeException e) {
            Optional<Duration> retryAfter = retryAfter(e);
            Duration wait = backoff.afterFailure(retryAfter);
            synchronized (lock) {
                nextAttemptNanos = nanoTime.getAsLong() + wait.toNanos();
            }
            LOG.warn(
                    "Could not re-open the Slack Socket Mode link (attempt {}{}): {}; next attempt in {} s",
                    backoff.failures(),
                    retryAfter
                            .map(d -> ", Slack asked to wait " + d.toSeconds() + " s")
                            .orElse(""),
                    e.getMessage(),
                    wait.toSeconds());
            wake(wait);
        }
    }

    /** The {@code Retry-After} of a rate-limited {@code apps.connections.open}, if that is why it failed. */
    static Optional<Duration> retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SlackApiException api && api.getResponse() != null) {
                String header = api.getResponse().header("Retry-After");
                if (header != null) {
                    try {
                        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (watching != null) {
                watching.cancel(false);
                watching = null;
            }
            client = null;
        }
    }
}

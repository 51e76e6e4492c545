package dev.runbookbot.slack;

import dev.runbookbot.slack.render.SlackMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps progress updates of a message under Slack's rate limits: at most one {@code chat.update} per message per
 * interval (about 1.5 s), the latest content winning, and the final content guaranteed by {@link #flush}.
 *
 * <p>An update that failed in a way that may pass (429, 5xx, a timeout: {@link SlackResult#mayPassLater()}) is sent
 * again, with the latest content, after a backoff that doubles from the interval up to {@link #MAX_BACKOFF}, until
 * Slack takes it or {@link #close} is called: Slack being unreachable for a while never loses the final state of a
 * message. Content waiting for a flush goes as {@link SendPriority#ACTION}, other content as {@link
 * SendPriority#PROGRESS} unless submitted with a higher priority.
 *
 * <p>A 20-step runbook that reports every step would otherwise send 20 updates in a few seconds ({@code chat.update} is
 * Tier 3, about 50 a minute per workspace). {@link #submit} replaces whatever is waiting for that message and returns at
 * once; the first update of a message goes out at once, later ones when the interval since the previous one has passed.
 * Updates of one message never overlap. {@link #flush} sends what is waiting without waiting for the interval (the
 * final state must not lag; rate limits are still honoured by {@link SlackWebApi}) and completes with the result of the
 * last update, after which the message is forgotten. An intermediate update that fails is logged and superseded by the
 * next; only the final result is returned.
 *
 * <p>Updates run on the given scheduler, which the caller owns; a slow update (a rate-limit wait) occupies one of its
 * threads. Thread-safe.
 */
public final class MessageUpdateCoalescer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageUpdateCoalescer.class);

    /** The default spacing of updates to one message. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1_500);
    /** The longest pause between two tries of an update Slack did not take. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MessageUpdater updater;
    private final ScheduledExecutorService scheduler;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<MessageRef, Slot> slots = new HashMap<>();
    private boolean closing;

    public MessageUpdateCoalescer(MessageUpdater updater, ScheduledExecutorService scheduler, Duration interval) {
        this(updater, scheduler, interval, System::nanoTime);
    }

    MessageUpdateCoalescer(
            MessageUpdater updater, ScheduledExecutorService scheduler, Duration interval, LongSupplier nanoTime) {
        this.updater = Objects.requireNonNull(updater, "updater");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Sets the content {@code message} should show; sent at once or when its interval has passed. */
    public void submit(MessageRef message, SlackMessage content) {
        submit(message, content, SendPriority.PROGRESS);
    }

    /** As {@link #submit(MessageRef, SlackMessage)}, sent with at least {@code priority} (buttons, a final state). */
    public void submit(MessageRef message, SlackMessage content, SendPriority priority) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(priority, "priority");
        synchronized (this) {
            Slot slot = slots.computeIfAbsent(message, k -> new Slot());
            slot.pending = content;
            if (priority.compareTo(slot.priority) < 0) {
                slot.priority = priority;
            }
            schedule(message, slot);
        }
    }

    /**
     * Sends the waiting content of {@code message} now (after an update in flight, if any) and completes with the
     * result of the last update. Completes at once with the last result when nothing is waiting, and with
     * {@code Ok(message)} when nothing was ever submitted.
     */
    public CompletableFuture<SlackResult<MessageRef>> flush(MessageRef message) {
        synchronized (this) {
            Slot slot = slots.get(message);
            if (slot == null) {
                return CompletableFuture.completedFuture(new SlackResult.Ok<>(message));
            }
            CompletableFuture<SlackResult<MessageRef>> done = new CompletableFuture<>();
            slot.flushWaiters.add(done);
            slot.flushRequested = true;
            if (slot.timer != null && slot.timer.cancel(false)) {
                slot.timer = null;
            }
            if (!slot.inFlight && slot.pending == null) {
                finish(message, slot);
            } else {
                schedule(message, slot);
            }
            return done;
        }
    }

    /** How many messages have an update waiting or in flight. */
    public synchronized int busyMessages() {
        return (int) slots.values().stream()
                .filter(s -> s.inFlight || s.pending != null)
                .count();
    }

    /** Flushes every message and waits for the results; an update Slack does not take is not tried again. */
    @Override
    public void close() {
        List<CompletableFuture<SlackResult<MessageRef>>> all = new ArrayList<>();
        synchronized (this) {
            closing = true;
            for (MessageRef ref : List.copyOf(slots.keySet())) {
                all.add(flush(ref));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Called with the lock held. */
    private void schedule(MessageRef message, Slot slot) {
        if (slot.inFlight || slot.timer != null || slot.pending == null) {
            return;
        }
        long delay = 0;
        if (slot.failures > 0 && !closing) {
            delay = Math.max(0, slot.lastSentNanos + backoffNanos(slot.failures) - nanoTime.getAsLong());
        } else if (!slot.flushRequested && slot.sentOnce) {
            delay = Math.max(0, slot.lastSentNanos + intervalNanos - nanoTime.getAsLong());
        }
        try {
            slot.timer = scheduler.schedule(() -> send(message), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            slot.pending = null;
            slot.last =
                    new SlackResult.Failed<>("chat.update", SlackFailureKind.REFUSED, "update scheduler is shut down");
            finish(message, slot);
        }
    }

    /** The pause after {@code failures} failed tries in a row: the interval, doubled each time, at most MAX_BACKOFF. */
    private long backoffNanos(int failures) {
        long base = Math.max(intervalNanos, Duration.ofMillis(100).toNanos());
        long backoff = base << Math.min(failures - 1, 20);
        return Math.min(backoff, MAX_BACKOFF.toNanos());
    }

    private void send(MessageRef message) {
        SlackMessage content;
        SendPriority priority;
        synchronized (this) {
            Slot slot = slots.get(message);
            if (slot == null) {
                return;
            }
            slot.timer = null;
            if (slot.pending == null) {
                return;
            }
            content = slot.pending;
            priority = slot.flushRequested ? SendPriority.ACTION : slot.priority;
            slot.pending = null;
            slot.priority = SendPriority.PROGRESS;
            slot.inFlight = true;
        }
        SlackResult<MessageRef> result;
        try {
            result = updater.update(message, content, priority);
        } catch (RuntimeException e) {
            result = new SlackResult.Failed<>("chat.update", SlackFailureKind.IO_ERROR, String.valueOf(e.getMessage()));
        }
        synchronized (this) {
            Slot slot = slots.get(message);
            slot.inFlight = false;
            slot.sentOnce = true;
            slot.lastSentNanos = nanoTime.getAsLong();
            slot.last = result;
            if (result.mayPassLater() && !closing) {
                slot.failures++;
                if (slot.pending == null) {
                    slot.pending = content; // Slack may take it later: try again after a backoff
                }
                if (priority.compareTo(slot.priority) < 0) {
                    slot.priority = priority;
                }
                LOG.info(
                        "Update of {} not taken ({}); trying again in {} ms",
                        message,
                        result.describe(),
                        backoffNanos(slot.failures) / 1_000_000);
                schedule(message, slot);
                return;
            }
            slot.failures = 0;
            if (slot.pending != null) {
                if (!result.isOk()) {
                    LOG.info("Progress update superseded after failing: {}", result.describe());
                }
                schedule(message, slot);
            } else if (slot.flushRequested) {
                finish(message, slot);
            } else if (!result.isOk()) {
                LOG.warn("Progress update of {} failed: {}", message, result.describe());
            }
        }
    }

    /** Completes the flush waiters and forgets the message. Called with the lock held. */
    private void finish(MessageRef message, Slot slot) {
        SlackResult<MessageRef> result = slot.last == null ? new SlackResult.Ok<>(message) : slot.last;
        slots.remove(message);
        for (CompletableFuture<SlackResult<MessageRef>> waiter : slot.flushWaiters) {
            waiter.complete(result);
        }
    }

    private static final class Slot {
        SlackMessage pending;
        boolean inFlight;
        boolean sentOnce;
        long lastSentNanos;
        boolean flushRequested;
        int failures;
        SendPriority priority = SendPriority.PROGRESS;
        ScheduledFuture<?> timer;
        SlackResult<MessageRef> last;
        final List<CompletableFuture<SlackResult<MessageRef>>> flushWaiters = new ArrayList<>();
    }
}

package dev.runbookbot.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} whose time moves only when a test moves it: {@link #advance} runs every task that
 * has become due, in due order, on the test's thread. Nothing runs by itself, so a test of "after the settle time"
 * never sleeps. {@code execute}/{@code submit} are due at once (run on the next {@link #advance} or {@link #runDue}).
 * Periodic scheduling is not supported. Thread-safe.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final List<Task<?>> tasks = new ArrayList<>();
    private long nowNanos;
    private long sequence;
    private boolean shutdown;

    /** Moves time forward by {@code step} and runs what became due. Returns how many tasks ran. */
    public int advance(Duration step) {
        synchronized (this) {
            nowNanos += step.toNanos();
        }
        return runDue();
    }

    /** Runs every task due now (including tasks that running ones schedule for now). Returns how many ran. */
    public int runDue() {
        int ran = 0;
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> t.dueNanos <= nowNanos)
                        .min(Comparator.comparingLong((Task<?> t) -> t.dueNanos).thenComparingLong(t -> t.sequence))
                        .orElse(null);
                if (next == null) {
                    return ran;
                }
                tasks.remove(next);
            }
            next.run();
            ran++;
        }
    }

    /** How many tasks wait (due or not). */
    public synchronized int pending() {
        return tasks.size();
    }

    /** When the earliest waiting task is due, counted from now; empty when none waits. */
    public synchronized java.util.Optional<Duration> nextDueIn() {
        return tasks.stream().mapToLong(t -> t.dueNanos - nowNanos).min().stream()
                .mapToObj(Duration::ofNanos)
                .findFirst();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<>(command, null, delay(delay, unit)));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, delay(delay, unit)));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("ManualScheduler does not schedule periodic tasks");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("ManualScheduler does not schedule periodic tasks");
    }

    @Override
    public void execute(Runnable command) {
        add(new Task<>(command, null, 0));
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> waiting = new ArrayList<>(tasks);
        tasks.clear();
        return waiting;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private synchronized <V> Task<V> add(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("the scheduler is shut down");
        }
        tasks.add(task);
        return task;
    }

    private synchronized long delay(long delay, TimeUnit unit) {
        return nowNanos + Math.max(0, unit.toNanos(delay));
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long dueNanos;
        private final long sequence;

        Task(Callable<V> callable, long dueNanos) {
            super(callable);
            this.dueNanos = dueNanos;
            this.sequence = nextSequence();
        }

        Task(Runnable runnable, V result, long dueNanos) {
            super(runnable, result);
            this.dueNanos = dueNanos;
            this.sequence = nextSequence();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (ManualScheduler.this) {
                return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    private synchronized long nextSequence() {
        return sequence++;
    }
}

package dev.runbookbot.runtime;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The named, bounded executors of the bot's own work (docs/concurrency.md): fixed pools with a bounded queue for
 * incident and Slack work, the Slack delivery pool whose idle threads end, and scheduled executors for timers. Each is
 * stopped with {@link #drain}: queued work gets a grace period, then is interrupted.
 */
final class BotExecutors {
    static final int INCIDENT_WORKERS = 4;
    static final int SLACK_WORKERS = 4;
    static final int SLACK_DELIVERY_THREADS = 16;
    /**
     * The one pool that lends helper threads to remediation loops with {@code concurrency} above 1: one more than a
     * loop may ask for ({@code LoopSpec.MAX_CONCURRENCY - 1}, the loop's own thread being the last), so one loop never
     * holds it all; a loop whose helpers are refused or queued runs its items on its own thread.
     */
    static final int ACTION_LOOP_THREADS = dev.runbookbot.runbook.LoopSpec.MAX_CONCURRENCY;

    static final int QUEUE_CAPACITY = 256;
    static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private BotExecutors() {}

    /** {@code threads} threads named {@code name-N} and a queue of {@value #QUEUE_CAPACITY}; more work is refused. */
    static ThreadPoolExecutor bounded(String name, int threads) {
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                new NamedThreads(name));
    }

    /**
     * The threads that deliver incident messages to Slack: each waits its turn and pace in a channel, so there is one
     * per incident being delivered, up to a bound, and the rest queue. Idle ones end after 30 s.
     */
    static ThreadPoolExecutor delivery() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                SLACK_DELIVERY_THREADS,
                SLACK_DELIVERY_THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new NamedThreads("slack-delivery"));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * The threads that read journalctl's output and errors while a {@code log_search} of the journal runs: two per
     * search, so twice the steps that may run at once; none while no search runs (idle ones end after 30 s).
     */
    static ThreadPoolExecutor journalOutput(int maxConcurrentSteps) {
        return new ThreadPoolExecutor(
                0,
                2 * maxConcurrentSteps,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                new NamedThreads("journalctl-output"));
    }

    static ScheduledThreadPoolExecutor scheduled(String name, int threads) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, new NamedThreads(name));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Stops taking work, lets queued work finish within {@link #DRAIN_GRACE}, then interrupts what is left. */
    static AutoCloseable drainOnClose(ExecutorService executor) {
        return () -> drain(executor, DRAIN_GRACE);
    }

    static void drain(ExecutorService executor, Duration grace) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            executor.shutdownNow();
        }
    }
}

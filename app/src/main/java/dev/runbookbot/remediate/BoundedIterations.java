package dev.runbookbot.remediate;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs a loop's iterations at most {@code concurrency} at a time on a shared executor built in {@code runtime}, the
 * calling thread taking part: it asks the executor for at most {@code concurrency - 1} helpers, then claims items
 * itself. Each item is claimed once, by whoever comes first, so the caller waits only for items a running helper has
 * claimed, never for a helper still queued behind other work: a full or saturated pool (another loop holding it, or an
 * iteration that runs a loop of its own on the same pool) makes the loop slower, never stuck. A helper that starts
 * after every item was claimed returns at once.
 *
 * <p>Thread-safe; one instance is shared by every loop. {@link #run} blocks until every claimed item ended.
 */
final class BoundedIterations {
    private final Executor shared;

    /** {@code shared}: the bounded executor loops borrow helpers from; its owner shuts it down. */
    BoundedIterations(Executor shared) {
        this.shared = shared;
    }

    /**
     * Calls {@code iteration} with each index in {@code [0, count)}, at most {@code concurrency} at once. An interrupt
     * of the caller stops the claiming, interrupts the helpers still in one of its iterations and returns with the
     * interrupt status set. An exception from an iteration is thrown here once all claimed items ended.
     */
    void run(int count, int concurrency, IntConsumer iteration) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(count);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Set<Thread> helpers = new HashSet<>();
        Runnable claimer = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    iteration.accept(i);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    ended.countDown();
                }
            }
        };
        Runnable helper = () -> {
            synchronized (helpers) {
                helpers.add(Thread.currentThread());
            }
            try {
                claimer.run();
            } finally {
                synchronized (helpers) {
                    helpers.remove(Thread.currentThread());
                }
            }
        };
        int asked = Math.min(Math.max(1, concurrency), count) - 1;
        for (int h = 0; h < asked; h++) {
            try {
                shared.execute(helper);
            } catch (RejectedExecutionException full) {
                break; // the caller claims what no helper takes
            }
        }
        claimer.run();
        try {
            ended.await();
        } catch (InterruptedException e) {
            next.set(count);
            synchronized (helpers) {
                helpers.forEach(Thread::interrupt);
            }
            Thread.currentThread().interrupt();
            return;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}

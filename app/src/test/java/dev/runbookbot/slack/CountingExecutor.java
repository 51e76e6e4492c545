package dev.runbookbot.slack;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work executor for tests: a small bounded pool that counts what it is handed. A listener hands work over before
 * it returns the ack, so after an ack the count says whether the payload was dispatched.
 */
final class CountingExecutor implements Executor, AutoCloseable {
    private final AtomicInteger submitted = new AtomicInteger();
    private final ThreadPoolExecutor pool;

    CountingExecutor() {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "slack-work-test-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void execute(Runnable task) {
        submitted.incrementAndGet();
        pool.execute(task);
    }

    int submitted() {
        return submitted.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

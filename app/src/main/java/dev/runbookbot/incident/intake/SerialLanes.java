package dev.runbookbot.incident.intake;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a shared executor, one at a time per lane, in the order they were submitted; a task's lane is chosen by
 * its key, so all tasks for one key (an alert's fingerprint) run in order and never at the same time, while different
 * keys run in parallel. A lane takes one executor thread only while it has work. Thread-safe.
 */
final class SerialLanes {
    private static final Logger log = LoggerFactory.getLogger(SerialLanes.class);

    private final Executor executor;
    private final Lane[] lanes;

    SerialLanes(Executor executor, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one lane is needed, not " + count);
        }
        this.executor = executor;
        this.lanes = new Lane[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = new Lane();
        }
    }

    /**
     * Queues {@code task} behind every earlier task of the same lane.
     *
     * @throws RejectedExecutionException when the executor takes no more work (shut down); the task will not run
     */
    void execute(String key, Runnable task) {
        lanes[Math.floorMod(key.hashCode(), lanes.length)].add(task);
    }

    private final class Lane implements Runnable {
        private final Queue<Runnable> tasks = new ArrayDeque<>();
        private boolean draining;

        void add(Runnable task) {
            synchronized (this) {
                tasks.add(task);
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    draining = false;
                    tasks.remove(task);
                }
                throw e;
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    log.error("a task failed; the lane goes on with the next one", e);
                }
            }
        }
    }
}

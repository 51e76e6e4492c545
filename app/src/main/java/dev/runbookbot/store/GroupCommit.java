package dev.runbookbot.store;

import dev.runbookbot.incident.StoreBusyException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit on SQLite's one writer connection: write transactions asked for while another one commits wait, and then
 * run one after another inside one {@code BEGIN IMMEDIATE ... COMMIT}, so they share its sync of the write-ahead log.
 * With {@code synchronous=FULL} every commit waits for the disk (a few ms on an idle disk, tens of ms on a busy one),
 * and the alert path (record the delivery, open the incident, post) used to queue behind each background write's own
 * sync; now it waits for at most the commit in progress and its own.
 *
 * <p>For each caller it is its own transaction: the caller returns only after the commit that holds its changes; a work
 * that throws has its savepoint rolled back (the works before and after it are kept) and its caller gets the exception;
 * when the commit fails, or SQLite gave up the whole transaction after an error (a full disk), every caller of the
 * batch gets the failure and nothing of theirs was kept. Works run in the order they were asked for, on the thread of
 * whichever caller leads the batch, so a work must only use the handle it is given (every one in {@code store/} does).
 *
 * <p>A caller whose work has not started within {@code busyTimeout} gets {@link StoreBusyException} and nothing was
 * changed. Thread-safe.
 */
final class GroupCommit {
    /** The most writes one transaction takes, so one commit stays short. */
    static final int MAX_BATCH = 64;

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final Handle writer;
    private final Object connection;
    private final long busyTimeoutNanos;
    private final UnaryOperator<RuntimeException> translate;
    private final Runnable requireOpen;
    /** Works waiting for a batch, oldest first; also the monitor of {@link #leading} and of every {@link Pending}. */
    private final Deque<Pending<?>> waiting = new ArrayDeque<>();

    private boolean leading;

    /**
     * @param connection held while the writer is used (closing the database takes it too)
     * @param translate turns a failed statement into the store's exceptions
     * @param requireOpen throws when the database was closed
     */
    GroupCommit(
            Handle writer,
            Object connection,
            long busyTimeoutNanos,
            UnaryOperator<RuntimeException> translate,
            Runnable requireOpen) {
        this.writer = writer;
        this.connection = connection;
        this.busyTimeoutNanos = busyTimeoutNanos;
        this.translate = translate;
        this.requireOpen = requireOpen;
    }

    <T> T write(Function<Handle, T> work, String busyMessage) {
        Pending<T> mine = new Pending<>(work);
        long asked = System.nanoTime();
        boolean lead;
        synchronized (waiting) {
            waiting.addLast(mine);
            lead = !leading;
            leading = true;
            if (!lead) {
                awaitTurn(mine, asked + busyTimeoutNanos, busyMessage);
                lead = !mine.done;
            }
        }
        if (lead) {
            lead(mine, asked);
        }
        return mine.result();
    }

    /** Writes waiting for a batch now (for tests). */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Waits (holding {@link #waiting}'s monitor) until {@code mine} is done or this caller is to lead. */
    private void awaitTurn(Pending<?> mine, long deadline, String busyMessage) {
        boolean interrupted = false;
        while (!mine.done && !mine.promoted) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && waiting.remove(mine)) {
                throw new StoreBusyException(busyMessage);
            }
            try {
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(waiting, left);
                } else {
                    waiting.wait(); // taken into a batch that is running: its outcome comes soon
                }
            } catch (InterruptedException e) {
                if (!mine.promoted && waiting.remove(mine)) {
                    Thread.currentThread().interrupt();
                    throw new StoreBusyException("interrupted while waiting to write; nothing was changed", e);
                }
                interrupted = true; // its batch is running: the caller learns its outcome, then the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs batches until {@code mine} is done, then hands the lead to the oldest waiting caller, if any. */
    private void lead(Pending<?> mine, long asked) {
        try {
            while (true) {
                List<Pending<?>> batch = new ArrayList<>();
                synchronized (waiting) {
                    if (mine.done) {
                        break;
                    }
                    while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(waiting.pollFirst());
                    }
                }
                long started = System.nanoTime();
                run(batch);
                if (log.isDebugEnabled()) {
                    log.debug(
                            "committed {} write(s) in {} ms; the first waited {} ms",
                            batch.size(),
                            millis(System.nanoTime() - started),
                            millis(started - asked));
                }
            }
        } finally {
            synchronized (waiting) {
                waiting.remove(mine); // only when a batch failed with an Error before this caller's work ran
                Pending<?> next = waiting.peekFirst();
                if (next == null) {
                    leading = false;
                } else {
                    next.promoted = true;
                }
                waiting.notifyAll();
            }
        }
    }

    /** Runs {@code batch} in one transaction; every work of it is done afterwards, whatever happened. */
    private void run(List<Pending<?>> batch) {
        try {
            synchronized (connection) {
                commit(batch);
            }
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            batch.forEach(pending -> pending.outcome(failure));
            throw e;
        } finally {
            synchronized (waiting) {
                batch.forEach(pending -> pending.done = true);
                waiting.notifyAll();
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        try {
            requireOpen.run();
            writer.execute("BEGIN IMMEDIATE");
        } catch (RuntimeException e) {
            RuntimeException failure = translate.apply(e);
            batch.forEach(pending -> pending.outcome(failure));
            return;
        }
        List<Pending<?>> ran = new ArrayList<>();
        RuntimeException lost = null;
        for (Pending<?> pending : batch) {
            if (lost != null) {
                pending.outcome(lost);
                continue;
            }
            try {
                writer.execute("SAVEPOINT work");
                pending.run(writer);
                writer.execute("RELEASE work");
                ran.add(pending);
            } catch (RuntimeException e) {
                RuntimeException failure = translate.apply(e);
                pending.outcome(failure);
                if (!undo()) {
                    lost = failure; // SQLite gave up the whole transaction (a full disk, an I/O error)
                }
            }
        }
        if (lost == null) {
            try {
                writer.execute("COMMIT");
                return;
            } catch (RuntimeException e) {
                lost = translate.apply(e);
            }
        }
        rollback();
        for (Pending<?> pending : ran) {
            pending.outcome(lost);
        }
    }

    /** Rolls back the work that failed; false when the transaction itself is gone. */
    private boolean undo() {
        try {
            writer.execute("ROLLBACK TO work");
            writer.execute("RELEASE work");
            return true;
        } catch (JdbiException e) {
            return false;
        }
    }

    private void rollback() {
        try {
            writer.execute("ROLLBACK");
        } catch (JdbiException e) {
            // SQLite already rolled the transaction back (it does after some errors); nothing is left to undo.
        }
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** One caller's work and, once its batch is done, its result or failure; fields guarded by {@link #waiting}. */
    private static final class Pending<T> {
        private final Function<Handle, T> work;
        private T value;
        private RuntimeException failure;
        private Error error;
        boolean done;
        boolean promoted;

        Pending(Function<Handle, T> work) {
            this.work = work;
        }

        void run(Handle handle) {
            try {
                value = work.apply(handle);
            } catch (Error e) {
                error = e;
                throw new IllegalStateException("a write failed with " + e, e);
            }
        }

        void outcome(RuntimeException e) {
            failure = e;
        }

        T result() {
            if (error != null) {
                throw error;
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}

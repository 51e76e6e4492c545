package dev.runbookbot.slack;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One call at a time per key (a Web API method, or a method and a channel), granted in {@link SendPriority} order and,
 * within one priority, in order of arrival. {@link SlackWebApi} holds a turn while it waits out a {@code Retry-After}
 * window or its pace and while the call is on its way, so no call of a key is sent while another learns of a window,
 * and a parent message that arrives while progress edits queue is sent before them. Thread-safe.
 */
final class PriorityTurns {
    private final Map<String, KeyQueue> queues = new HashMap<>();
    private long arrivals;

    /** A granted turn; give it back with {@link #release}. */
    record Turn(String key, SendPriority priority, long arrival) implements Comparable<Turn> {
        @Override
        public int compareTo(Turn other) {
            int byPriority = priority.compareTo(other.priority);
            return byPriority != 0 ? byPriority : Long.compare(arrival, other.arrival);
        }
    }

    /** Waits until it is this caller's turn for {@code key}. */
    synchronized Turn take(String key, SendPriority priority) throws InterruptedException {
        KeyQueue queue = queues.computeIfAbsent(key, k -> new KeyQueue());
        Turn turn = new Turn(key, priority, arrivals++);
        queue.waiting.add(turn);
        try {
            while (queue.busy || queue.waiting.peek() != turn) {
                wait();
            }
        } catch (InterruptedException e) {
            queue.waiting.remove(turn);
            forgetIfIdle(key, queue);
            notifyAll();
            throw e;
        }
        queue.waiting.poll();
        queue.busy = true;
        return turn;
    }

    synchronized void release(Turn turn) {
        KeyQueue queue = queues.get(turn.key());
        if (queue == null) {
            return;
        }
        queue.busy = false;
        forgetIfIdle(turn.key(), queue);
        notifyAll();
    }

    /** How many calls wait for a turn, over all keys (for tests and a gauge). */
    synchronized int waiting() {
        return queues.values().stream().mapToInt(q -> q.waiting.size()).sum();
    }

    private void forgetIfIdle(String key, KeyQueue queue) {
        if (!queue.busy && queue.waiting.isEmpty()) {
            queues.remove(key);
        }
    }

    private static final class KeyQueue {
        final PriorityQueue<Turn> waiting = new PriorityQueue<>();
        boolean busy;
    }
}

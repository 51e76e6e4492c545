package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PriorityTurnsTest {
    private final PriorityTurns turns = new PriorityTurns();

    @Test
    void waitingCallsGetTheirTurnParentsFirstThenInOrderOfArrival() throws Exception {
        PriorityTurns.Turn held = turns.take("chat.postMessage C1", SendPriority.ACTION);
        List<String> order = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            submit(callers, "progress", SendPriority.PROGRESS, order);
            awaitWaiting(1);
            submit(callers, "reply", SendPriority.ACTION, order);
            awaitWaiting(2);
            submit(callers, "parent", SendPriority.PARENT, order);
            awaitWaiting(3);

            turns.release(held);

            Poll.until(
                    "every turn",
                    Duration.ofSeconds(10),
                    () -> order.size() == 3 ? Optional.of(true) : Optional.empty());
            assertEquals(List.of("parent", "reply", "progress"), order);
        } finally {
            callers.shutdownNow();
            callers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void keysDoNotWaitForEachOther() throws Exception {
        PriorityTurns.Turn one = turns.take("chat.postMessage C1", SendPriority.PROGRESS);
        PriorityTurns.Turn other = turns.take("chat.postMessage C2", SendPriority.PROGRESS);
        turns.release(one);
        turns.release(other);
        assertEquals(0, turns.waiting());
    }

    private void submit(ExecutorService callers, String name, SendPriority priority, List<String> order) {
        callers.execute(() -> {
            try {
                PriorityTurns.Turn turn = turns.take("chat.postMessage C1", priority);
                order.add(name);
                turns.release(turn);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void awaitWaiting(int n) {
        Poll.until(
                n + " waiting",
                Duration.ofSeconds(10),
                () -> turns.waiting() == n ? Optional.of(true) : Optional.empty());
    }
}

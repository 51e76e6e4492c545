package dev.runbookbot.incident.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialLanesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksOfOneKeyRunInOrderAndNeverTogether() throws InterruptedException {
        SerialLanes lanes = new SerialLanes(pool, 8);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        Object[] running = {null};
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            int n = i;
            lanes.execute("fingerprint-1", () -> {
                synchronized (running) {
                    if (running[0] != null) {
                        overlaps.add(n + " ran while " + running[0] + " did");
                    }
                    running[0] = n;
                }
                seen.add(n);
                synchronized (running) {
                    running[0] = null;
                }
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));

        assertEquals(List.of(), overlaps);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen);
    }

    @Test
    void differentKeysRunAtTheSameTime() throws InterruptedException {
        SerialLanes lanes = new SerialLanes(pool, 8);
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        // Keys in different lanes: 8 lanes, "a".hashCode() % 8 != "b".hashCode() % 8.
        for (String key : List.of("a", "b")) {
            lanes.execute(key, () -> {
                bothStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "the second key waited for the first");
        release.countDown();
    }

    @Test
    void aFailingTaskDoesNotStopItsLane() throws InterruptedException {
        SerialLanes lanes = new SerialLanes(pool, 1);
        CountDownLatch after = new CountDownLatch(1);
        lanes.execute("k", () -> {
            throw new IllegalStateException("boom");
        });
        lanes.execute("k", after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aShutDownExecutorRefusesTheTaskAndTheLaneStaysUsable() throws InterruptedException {
        ExecutorService once = Executors.newSingleThreadExecutor();
        once.shutdown();
        SerialLanes lanes = new SerialLanes(once, 1);
        assertThrows(RejectedExecutionException.class, () -> lanes.execute("k", () -> {}));

        SerialLanes working = new SerialLanes(pool, 1);
        CountDownLatch ran = new CountDownLatch(1);
        working.execute("k", ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
    }
}

package dev.runbookbot.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedIterationsTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void everyItemRunsOnceAndNeverMoreThanTheLoopsConcurrencyAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> ran = new CopyOnWriteArrayList<>();
        new BoundedIterations(pool).run(40, 2, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            ran.add(i);
            running.decrementAndGet();
        });
        assertEquals(40, ran.size());
        assertEquals(40, Set.copyOf(ran).size());
        assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
    }

    @Test
    void aPoolThatRefusesEveryHelperLeavesTheItemsToTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        new BoundedIterations(task -> {
                    throw new RejectedExecutionException("full");
                })
                .run(5, 4, i -> threads.add(Thread.currentThread()));
        assertEquals(List.of(caller, caller, caller, caller, caller), threads);
    }

    @Test
    void aLoopOnAPoolWhoseOnlyThreadIsBusyFinishesOnItsOwnThreadWithoutWaitingForTheQueuedHelpers() {
        ExecutorService single = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        try {
            single.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread caller = Thread.currentThread();
            List<Thread> threads = new CopyOnWriteArrayList<>();
            new BoundedIterations(single).run(3, 3, i -> threads.add(Thread.currentThread()));
            assertEquals(List.of(caller, caller, caller), threads);
        } finally {
            release.countDown();
            single.shutdownNow();
        }
    }

    @Test
    void aLoopInsideAnIterationOnTheSamePoolCannotDeadlockIt() {
        ExecutorService single = Executors.newSingleThreadExecutor();
        BoundedIterations shared = new BoundedIterations(single);
        Set<String> ran = ConcurrentHashMap.newKeySet();
        try {
            shared.run(3, 3, outer -> shared.run(3, 3, inner -> ran.add(outer + "/" + inner)));
        } finally {
            single.shutdownNow();
        }
        assertEquals(9, ran.size());
    }

    @Test
    void anIterationsExceptionReachesTheCallerAfterTheOthersEnded() {
        IllegalArgumentException bug = new IllegalArgumentException("bug");
        AtomicInteger ended = new AtomicInteger();
        IllegalArgumentException thrown =
                assertThrows(IllegalArgumentException.class, () -> new BoundedIterations(pool).run(6, 3, i -> {
                    ended.incrementAndGet();
                    if (i == 2) {
                        throw bug;
                    }
                }));
        assertSame(bug, thrown);
        assertEquals(6, ended.get());
    }
}

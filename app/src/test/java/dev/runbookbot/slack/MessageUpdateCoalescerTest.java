package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.slack.render.SlackMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageUpdateCoalescerTest {
    private static final MessageRef PARENT = new MessageRef("C1", "1.000001");
    private static final MessageRef OTHER = new MessageRef("C1", "1.000002");

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final RecordingUpdater updater = new RecordingUpdater();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void twentyQuickUpdatesBecomeAtMostTwoAndTheLastContentWins() throws Exception {
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(updater, scheduler, Duration.ofHours(1));

        for (int step = 1; step <= 20; step++) {
            coalescer.submit(PARENT, content("step " + step));
        }
        SlackResult<MessageRef> result = coalescer.flush(PARENT).get(10, TimeUnit.SECONDS);

        assertTrue(result.isOk());
        List<String> sent = updater.sentTexts();
        assertTrue(sent.size() <= 2, sent.toString());
        assertEquals("step 20", sent.get(sent.size() - 1));
        assertEquals(0, coalescer.busyMessages());
    }

    @Test
    void updatesOfOneMessageNeverOverlapAndIntermediateOnesAreSkipped() throws Exception {
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(updater, scheduler, Duration.ofHours(1));
        updater.holdNext();

        coalescer.submit(PARENT, content("a"));
        updater.awaitStarted();
        coalescer.submit(PARENT, content("b"));
        coalescer.submit(PARENT, content("c"));
        CompletableFuture<SlackResult<MessageRef>> flushed = coalescer.flush(PARENT);
        updater.release();

        assertTrue(flushed.get(10, TimeUnit.SECONDS).isOk());
        assertEquals(List.of("a", "c"), updater.sentTexts());
        assertEquals(1, updater.maxConcurrent);
    }

    @Test
    void aSecondUpdateWaitsForTheInterval() throws Exception {
        Duration interval = Duration.ofMillis(300);
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(updater, scheduler, interval);

        coalescer.submit(PARENT, content("first"));
        Sent first = updater.next();
        coalescer.submit(PARENT, content("second"));
        Sent second = updater.next();

        assertEquals("second", second.text());
        assertTrue(second.startNanos() - first.endNanos() >= interval.toNanos(), "not before the interval");
    }

    @Test
    void differentMessagesDoNotWaitForEachOther() throws Exception {
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(updater, scheduler, Duration.ofHours(1));

        coalescer.submit(PARENT, content("parent"));
        coalescer.submit(OTHER, content("other"));

        assertEquals(
                List.of("other", "parent"),
                List.of(updater.next().text(), updater.next().text()).stream()
                        .sorted()
                        .toList());
    }

    @Test
    void flushWithNothingSubmittedIsOk() throws Exception {
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(updater, scheduler, Duration.ofHours(1));

        assertEquals(new SlackResult.Ok<>(PARENT), coalescer.flush(PARENT).get(1, TimeUnit.SECONDS));
        assertTrue(updater.sentTexts().isEmpty());
    }

    @Test
    void aFailedFinalUpdateIsWhatFlushReturns() throws Exception {
        // a refusal that waiting cannot cure (Slack answered 503 here before 503s were tried again)
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(
                (ref, content, priority) ->
                        new SlackResult.Failed<>("chat.update", SlackFailureKind.INVALID_BLOCKS, "invalid_blocks"),
                scheduler,
                Duration.ofHours(1));

        coalescer.submit(PARENT, content("final"));
        SlackResult<MessageRef> result = coalescer.flush(PARENT).get(10, TimeUnit.SECONDS);

        assertEquals(
                "invalid_blocks",
                assertInstanceOf(SlackResult.Failed.class, result).detail());
    }

    @Test
    void anUpdateSlackDidNotTakeIsTriedAgainWithTheLatestContentUntilItIs() throws Exception {
        List<String> tried = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(3);
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(
                (ref, content, priority) -> {
                    tried.add(content.text() + "/" + priority);
                    return refusals.getAndDecrement() > 0
                            ? new SlackResult.Failed<>("chat.update", SlackFailureKind.HTTP_ERROR, "HTTP 503")
                            : new SlackResult.Ok<>(ref);
                },
                scheduler,
                Duration.ofMillis(1));

        coalescer.submit(PARENT, content("progress"));
        coalescer.submit(PARENT, content("final"), SendPriority.ACTION);
        SlackResult<MessageRef> result = coalescer.flush(PARENT).get(10, TimeUnit.SECONDS);

        assertEquals(new SlackResult.Ok<>(PARENT), result);
        assertEquals("final/ACTION", tried.get(tried.size() - 1), tried.toString());
        assertTrue(tried.size() >= 4, "three 503s, then the update that passed: " + tried);
    }

    @Test
    void closeDeliversEverythingStillWaiting() {
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(updater, scheduler, Duration.ofHours(1));
        coalescer.submit(PARENT, content("p1"));
        coalescer.submit(PARENT, content("p2"));
        coalescer.submit(OTHER, content("o1"));

        coalescer.close();

        List<String> sent = updater.sentTexts();
        assertEquals(
                "p2",
                sent.stream().filter(t -> t.startsWith("p")).reduce((a, b) -> b).orElseThrow());
        assertTrue(sent.contains("o1"));
    }

    private static SlackMessage content(String text) {
        return new SlackMessage(text, List.of());
    }

    private record Sent(String text, long startNanos, long endNanos) {}

    /** A {@link MessageUpdater} that records each update and can hold one until released. */
    private static final class RecordingUpdater implements MessageUpdater {
        private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
        private final List<Sent> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final CountDownLatch started = new CountDownLatch(1);
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private int concurrent;
        int maxConcurrent;

        @Override
        public SlackResult<MessageRef> update(MessageRef message, SlackMessage content, SendPriority priority) {
            long start = System.nanoTime();
            synchronized (this) {
                concurrent++;
                maxConcurrent = Math.max(maxConcurrent, concurrent);
            }
            started.countDown();
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                concurrent--;
            }
            Sent s = new Sent(content.text(), start, System.nanoTime());
            all.add(s);
            sent.add(s);
            return new SlackResult.Ok<>(message);
        }

        void holdNext() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        void awaitStarted() throws InterruptedException {
            assertTrue(started.await(10, TimeUnit.SECONDS), "no update started");
        }

        Sent next() throws InterruptedException {
            Sent s = sent.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no update within 10 s");
            }
            return s;
        }

        List<String> sentTexts() {
            return all.stream().map(Sent::text).toList();
        }
    }
}

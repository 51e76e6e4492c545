package dev.runbookbot.slack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Handlers for tests: they record what they receive, and the command handler can be held at a gate to stand for slow
 * work (a runbook run). Waits have deadlines.
 */
final class RecordingHandlers {
    static final String APPROVE = "runbook.approve";

    final BlockingQueue<SlashCommand> commandsStarted = new LinkedBlockingQueue<>();
    final BlockingQueue<SlashCommand> commandsFinished = new LinkedBlockingQueue<>();
    final BlockingQueue<ButtonClick> clicks = new LinkedBlockingQueue<>();
    final BlockingQueue<AppHomeOpened> homes = new LinkedBlockingQueue<>();
    private volatile CountDownLatch commandGate = new CountDownLatch(0);

    SlackHandlers handlers() {
        ButtonHandler approve = clicks::add;
        return new SlackHandlers(
                command -> {
                    commandsStarted.add(command);
                    try {
                        if (!commandGate.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never opened the command gate");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    commandsFinished.add(command);
                },
                Map.of(APPROVE, approve),
                homes::add);
    }

    /** From now on, command handlers wait until {@link #openGate()}. */
    void closeGate() {
        commandGate = new CountDownLatch(1);
    }

    void openGate() {
        commandGate.countDown();
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("no handler call within 10 s");
        }
        return item;
    }
}

package dev.runbookbot.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A part of the start that does not depend on the others (the catalog's lint, the store's open and recovery, Slack's
 * answers, the Socket Mode link) and so runs on its own thread while the start goes on. {@link #result()} hands back
 * its value or rethrows its exception as it was thrown, so a start-up error reads the same as when the part ran inline;
 * {@link #discard()} is for a start that failed elsewhere: it waits for the part and closes what it opened.
 */
final class StartupStep<T> {
    private final String name;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile long elapsedNanos;

    private StartupStep(String name, Supplier<T> work) {
        this.name = name;
        new NamedThreads(name)
                .newThread(() -> {
                    long start = System.nanoTime();
                    try {
                        T value = work.get();
                        elapsedNanos = System.nanoTime() - start;
                        result.complete(value);
                    } catch (Throwable t) {
                        elapsedNanos = System.nanoTime() - start;
                        result.completeExceptionally(t);
                    }
                })
                .start();
    }

    static <T> StartupStep<T> begin(String name, Supplier<T> work) {
        return new StartupStep<>(name, work);
    }

    /** Waits for the step; its exception, if it failed. */
    T result() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Waits for the step and closes its value when it is {@link AutoCloseable}; a failure is not reported again. */
    void discard() {
        T value;
        try {
            value = result.join();
        } catch (RuntimeException e) {
            return;
        }
        if (value instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the start failed for another reason, which is the one reported
            }
        }
    }

    /** What it is called in the start-up log, with how long it took: {@code "store 120 ms"}. */
    String timing() {
        return name + " " + Duration.ofNanos(elapsedNanos).toMillis() + " ms";
    }
}

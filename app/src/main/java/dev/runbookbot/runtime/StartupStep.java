package dev.runbookbot.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A part of the start that waits on something else (Slack's answers) and so runs on its own thread while the start
 * goes on (the database opens and recovers meanwhile); {@link #result()} hands back its value or rethrows its
 * exception as it was thrown, so a start-up error reads the same as when the part ran inline.
 */
final class StartupStep<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private StartupStep(String name, Supplier<T> work) {
        new NamedThreads(name)
                .newThread(() -> {
                    try {
                        result.complete(work.get());
                    } catch (Throwable t) {
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
}

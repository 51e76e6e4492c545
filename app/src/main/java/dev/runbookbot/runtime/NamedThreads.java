package dev.runbookbot.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads named after what they run ({@code incident-worker-3}), so a thread dump reads like docs/concurrency.md. Daemon
 * threads: the bot's {@link BotRuntime#stop()} ends them in order, and a stray one never keeps the JVM alive.
 */
final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
        thread.setDaemon(true);
        return thread;
    }
}

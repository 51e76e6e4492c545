package dev.runbookbot.cli;

/** Runs a task when the process is asked to stop: the JVM's shutdown hooks (SIGTERM, SIGINT) in production. */
@FunctionalInterface
interface ShutdownSignal {
    void onShutdown(Runnable task);

    static ShutdownSignal jvm() {
        return task -> Runtime.getRuntime().addShutdownHook(new Thread(task, "runbook-bot-shutdown"));
    }
}

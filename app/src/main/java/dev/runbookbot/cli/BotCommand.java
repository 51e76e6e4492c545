package dev.runbookbot.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl bot}: runs the Slack bot in the foreground until the process is asked to stop (SIGTERM, Ctrl-C),
 * then stops it cleanly. A configuration it cannot start with (a missing token, runbooks with errors) is one clear
 * message and exit code 1; not being connected to Slack yet after {@value #READY_SECONDS} s is a warning, since the
 * link keeps retrying.
 */
@Command(
        name = "bot",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Slack bot until stopped (SIGTERM or Ctrl-C).",
            "Needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (the team and app ids come from Slack);"
                    + " see docs/slack-setup.md."
        })
final class BotCommand implements Callable<Integer> {
    static final long READY_SECONDS = 30;

    private final Supplier<BotProcess> bot;
    private final ShutdownSignal shutdown;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--init",
            description = "Create an empty database even though this one has been used before and is now missing"
                    + " (without it, a missing database that the bot has run with stops the start: restore it"
                    + " from a backup instead).")
    private boolean init;

    BotCommand(Supplier<BotProcess> bot, ShutdownSignal shutdown) {
        this.bot = bot;
        this.shutdown = shutdown;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        BotProcess process = bot.get();
        process.start(init);
        CountDownLatch stopped = new CountDownLatch(1);
        shutdown.onShutdown(() -> {
            try {
                process.stop();
            } finally {
                stopped.countDown();
            }
        });
        if (process.awaitReady(Duration.ofSeconds(READY_SECONDS))) {
            out.println("runbook-bot is connected to Slack; stop it with Ctrl-C or SIGTERM.");
        } else {
            spec.commandLine()
                    .getErr()
                    .println("warning: runbook-bot is not connected to Slack after " + READY_SECONDS
                            + " s; it keeps trying. Check the network and SLACK_API_URL.");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}

package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BotCommandTest {
    /** A bot that records what the command does with it. */
    private static final class RecordingBot implements BotProcess {
        final List<String> calls = new ArrayList<>();
        final boolean connects;

        RecordingBot(boolean connects) {
            this.connects = connects;
        }

        @Override
        public void start(boolean initDatabase) {
            calls.add(initDatabase ? "start --init" : "start");
        }

        @Override
        public boolean awaitReady(Duration timeout) {
            calls.add("awaitReady");
            return connects;
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The command alone, with a shutdown that arrives as soon as the command waits for it. */
    private static Run runUntilShutdown(BotProcess bot) {
        return run(new CommandLine(new BotCommand(() -> bot, Runnable::run)));
    }

    @Test
    void theBotRunsUntilTheProcessIsAskedToStopAndThenStopsCleanly() {
        RecordingBot bot = new RecordingBot(true);

        Run run = runUntilShutdown(bot);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("start", "stop", "awaitReady"), bot.calls);
        assertTrue(run.out().contains("runbook-bot is connected to Slack"), run.out());
    }

    @Test
    void initAsksTheBotForANewDatabase() {
        RecordingBot bot = new RecordingBot(true);

        Run run = run(new CommandLine(new BotCommand(() -> bot, Runnable::run)), "--init");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("start --init", "stop", "awaitReady"), bot.calls);
    }

    @Test
    void notConnectedYetIsAWarningNotAFailure() {
        RecordingBot bot = new RecordingBot(false);

        Run run = runUntilShutdown(bot);

        assertEquals(0, run.exitCode());
        assertTrue(run.err().startsWith("warning: runbook-bot is not connected to Slack after 30 s"), run.err());
    }

    @Test
    void aBotThatCannotStartIsOneMessageAndExitCodeOne() {
        Function<String, BotProcess> failing = message -> new BotProcess() {
            @Override
            public void start(boolean initDatabase) {
                throw new IllegalStateException(message);
            }

            @Override
            public boolean awaitReady(Duration timeout) {
                throw new AssertionError("not started");
            }

            @Override
            public void stop() {
                throw new AssertionError("not started");
            }
        };
        CommandLine commandLine = Runbookctl.commandLine(new CliContext(
                        () -> {
                            throw new AssertionError("bot does not lint");
                        },
                        RunbookctlTest.UNUSED_STORE,
                        () -> Path.of("unused.db"))
                .withBot(() -> failing.apply("SLACK_BOT_TOKEN is not set: runbook-bot needs the Slack bot token.")));

        Run run = run(commandLine, "bot");

        assertEquals(1, run.exitCode());
        assertEquals("error: SLACK_BOT_TOKEN is not set: runbook-bot needs the Slack bot token.\n", run.err());
        assertFalse(run.err().contains("\tat "));
    }
}

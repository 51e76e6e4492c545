package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.IncidentId;
import dev.runbookbot.incident.RunId;
import dev.runbookbot.incident.RunState;
import dev.runbookbot.slack.SlackStartupException;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.PostedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bot does when it cannot start, and what it says after a restart. */
class BotRuntimeStartupIT {
    @TempDir
    Path dir;

    private static Settings settings(Map<String, String> env) {
        return Settings.load(Optional.empty(), env);
    }

    private RuntimeException failedStart(FakeSlack slack, UnaryOperator<Map<String, String>> change) throws Exception {
        Path runbooks = BotUnderTest.writeRunbooks(dir.resolve("runbooks"), "http://127.0.0.1:9");
        Map<String, String> env =
                change.apply(new java.util.HashMap<>(BotUnderTest.env(slack, runbooks, dir.resolve("bot.db"))));
        BotRuntime bot = BotRuntime.builder(settings(env)).build();
        RuntimeException e = assertThrows(RuntimeException.class, bot::start);
        bot.stop();
        return e;
    }

    @Test
    void runbooksWithErrorsAreListedAndNothingStarts() throws Exception {
        try (FakeSlack slack = FakeSlack.start()) {
            RuntimeException e = failedStart(slack, env -> {
                try {
                    Files.writeString(
                            dir.resolve("runbooks").resolve("broken.yaml"),
                            Files.readString(Path.of("src/test/resources/broken/unknown-key.yaml")));
                } catch (java.io.IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
                return env;
            });

            assertTrue(e instanceof BotStartupException, e.toString());
            List<String> lines = e.getMessage().lines().toList();
            assertEquals(
                    "runbook-bot does not start while its runbooks have errors (1); fix them and check with runbookctl"
                            + " lint " + dir.resolve("runbooks") + ":",
                    lines.get(0));
            assertEquals(
                    dir.resolve("runbooks").resolve("broken.yaml") + ":28:5: error: unknown key 'requireApproval',"
                            + " did you mean 'requiresApproval'?",
                    lines.get(1));
            assertFalse(Files.exists(dir.resolve("bot.db")), "nothing was created");
            assertTrue(slack.calls().isEmpty(), "Slack was not contacted");
        }
    }

    @Test
    void aMissingTokenIsNamed() throws Exception {
        try (FakeSlack slack = FakeSlack.start()) {
            RuntimeException e = failedStart(slack, env -> {
                env.remove("SLACK_APP_TOKEN");
                return env;
            });

            assertTrue(e instanceof SlackStartupException, e.toString());
            assertTrue(
                    e.getMessage()
                            .startsWith("SLACK_APP_TOKEN is not set: runbook-bot needs the Slack app-level token"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("runbookctl simulate"), e.getMessage());
        }
    }

    @Test
    void aTokenSlackRejectsIsNamedAndTheDatabaseIsReleased() throws Exception {
        try (FakeSlack slack = FakeSlack.start()) {
            RuntimeException e = failedStart(slack, env -> {
                env.put("SLACK_BOT_TOKEN", "xoxb-not-the-fakes-token");
                return env;
            });

            assertTrue(e instanceof SlackStartupException, e.toString());
            assertTrue(
                    e.getMessage()
                            .startsWith("SLACK_BOT_TOKEN was rejected by Slack (auth.test answered invalid_auth)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("xoxb-not-the-fakes-token"), "a token never prints");
            try (SqliteDatabase reopened =
                    SqliteDatabase.open(StoreOptions.at(dir.resolve("bot.db")), java.time.Clock.systemUTC())) {
                assertEquals("ok", reopened.integrityCheck());
            }
        }
    }

    @Test
    void afterARestartInterruptedRunsAreSaidInTheirThreadsAndOpenProposalsKeepTheirButtons() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir)) {
            t.command("run payments-slow", "U111");
            PostedMessage parent = t.awaitParent(1);
            PostedMessage restart =
                    t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the restart");
            PostedMessage manual =
                    t.awaitInThread(parent, m -> m.buttonActionIds().contains("done"), "the manual");
            t.awaitVersion(parent, m -> m.allText().contains("*awaiting approval*"), "the proposals");
            int restartVersion = restart.version();

            // the manual step was being done when the bot stopped: its run is left running in the database
            t.restart(() -> {
                try (SqliteDatabase db = SqliteDatabase.open(StoreOptions.at(t.database()), t.clock)) {
                    new JdbiIncidentStore(db, t.clock).start(new RunId(2), "U222", "manual", Duration.ofMinutes(1));
                }
            });

            t.awaitInThread(parent, "check_dashboards (run-2) was running when runbook-bot stopped");
            t.awaitVersion(
                    manual,
                    m -> !m.buttonActionIds().contains("done") && m.allText().contains("*Interrupted* at"),
                    "the interrupted run");
            PostedMessage shownAgain =
                    t.awaitVersion(restart, m -> m.version() > restartVersion, "the proposal shown again");
            assertEquals(List.of("approve", "reject"), shownAgain.buttonActionIds());
            assertTrue(
                    shownAgain.allText().contains("Payments API health: critical"),
                    "the one reply keeps the diagnosis, as recorded: " + shownAgain.allText());
            assertEquals(
                    RunState.INTERRUPTED,
                    t.bot.records().run(new RunId(2)).orElseThrow().state());

            t.slack.clickButton(restart.ts(), "approve", "U222");
            t.awaitVersion(restart, m -> m.allText().contains("*Done* at"), "approved after the restart");
            t.awaitTimeline(new IncidentId(1), "U222 approved restart_payments (run-1)");
        }
    }
}

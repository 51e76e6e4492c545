package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.config.Settings;
import dev.runbookbot.config.SettingsException;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.slack.SlackStartupException;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the bot does when it cannot start, what it does with a broken runbook file at start (serves the others, reports
 * the file), and what it says after a restart.
 */
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
    void aBrokenRunbookFileIsReportedOnceWhileTheOthersAreServed() throws Exception {
        Path broken = dir.resolve("runbooks").resolve("broken.yaml");
        String error = broken + ":28:5: error: unknown key 'requireApproval', did you mean 'requiresApproval'?";
        try (BotUnderTest t = new BotUnderTest(
                dir, false, Map.of("RUNBOOK_ALERT_FALLBACK_CHANNEL", BotUnderTest.FALLBACK), runbooks -> {
                    try {
                        Files.writeString(
                                broken, Files.readString(Path.of("src/test/resources/broken/unknown-key.yaml")));
                    } catch (java.io.IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                })) {
            PostedMessage notice = Poll.until(
                    "the broken file in the fallback channel",
                    BotUnderTest.WAIT,
                    () -> t.slack.messages(BotUnderTest.FALLBACK).stream()
                            .filter(m -> m.byBot() && m.allText().contains("broken.yaml"))
                            .findFirst());
            assertTrue(notice.allText().contains(error), notice.allText());
            assertTrue(notice.allText().contains("it is not served"), notice.allText());

            String ready = t.get("/readyz");
            assertTrue(ready.startsWith("200\nready\n"), ready);
            assertTrue(ready.contains("ok runbooks: 3 served, 1 file refused\n  " + error + "\n"), ready);

            SentEnvelope list = t.command("list", "U111");
            String listed = t.awaitEphemeral(list, "U111");
            assertTrue(listed.contains("`broken.yaml` *invalid*: " + error + " (not served)"), listed);
            assertTrue(listed.contains("`payments-slow`"), listed);

            t.command("run payments-slow", "U111");
            PostedMessage parent = t.awaitParent(1);
            assertTrue(parent.allText().contains("Payment Service High Latency"), parent.allText());

            SentEnvelope reload = t.command("reload", "U222");
            String answer = t.awaitEphemeral(reload, "U222");
            assertTrue(answer.contains("Runbooks reloaded: no runbook changed; 1 file refused"), answer);
            assertEquals(
                    1,
                    t.slack.messages(BotUnderTest.FALLBACK).stream()
                            .filter(m -> m.allText().contains("broken.yaml"))
                            .count(),
                    "the same broken file is posted once");
            String metrics = t.get("/metrics");
            assertTrue(metrics.contains("runbook_catalog_reloads_total{result=\"invalid\"} 2.0"), metrics);
        }
    }

    @Test
    void aDirectoryWithoutRunbooksIsNamedAndNothingStarts() throws Exception {
        try (FakeSlack slack = FakeSlack.start()) {
            Files.createDirectories(dir.resolve("empty"));
            RuntimeException e = failedStart(slack, env -> {
                env.put("RUNBOOK_DIR", dir.resolve("empty").toString());
                return env;
            });

            assertTrue(e instanceof BotStartupException, e.toString());
            assertEquals(
                    "no runbook files (*.yaml, *.yml) in " + dir.resolve("empty")
                            + "; set RUNBOOK_DIR (or 'runbooks' in the configuration file) to the runbooks directory",
                    e.getMessage());
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
    void aChosenSandboxThatDoesNotWorkStopsTheStartWhileItIsTriedBesideTheOtherParts() throws Exception {
        try (FakeSlack slack = FakeSlack.start()) {
            Path runbooks = BotUnderTest.writeRunbooks(dir.resolve("runbooks"), "http://127.0.0.1:9");
            Map<String, String> env = new java.util.HashMap<>(BotUnderTest.env(slack, runbooks, dir.resolve("bot.db")));
            env.put("RUNBOOK_SANDBOX_MODE", "bubblewrap");
            env.put("RUNBOOK_SANDBOX_PRLIMIT", "/nonexistent/prlimit");
            BotRuntime bot = BotRuntime.builder(Settings.loadUntried(Optional.empty(), env))
                    .environment(env)
                    .build();

            RuntimeException e = assertThrows(RuntimeException.class, bot::start);
            bot.stop();

            assertTrue(e instanceof SettingsException, e.toString());
            assertTrue(
                    e.getMessage()
                            .contains("(or env RUNBOOK_SANDBOX_MODE) is bubblewrap, but it does not work on this"
                                    + " machine: /nonexistent/prlimit is not installed"),
                    e.getMessage());
            assertThrows(IllegalStateException.class, bot::webPort, "nothing serves");
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

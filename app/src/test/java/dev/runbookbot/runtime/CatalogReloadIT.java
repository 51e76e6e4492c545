package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running bot follows its runbook directory: an edited runbook is served without a restart, a broken edit is
 * refused (reported once, marked in {@code /runbook list}) while the previous version keeps serving, and {@code
 * /runbook reload} is for approvers. Through the whole bot on a fake Slack; every wait polls for what it waits for.
 */
class CatalogReloadIT {
    private static final String RENAMED = "Payments Are Slow (edited)";

    @TempDir
    Path dir;

    private static RunbookSpec served(BotUnderTest t) {
        return t.bot.catalog().byId("payments-slow").orElseThrow();
    }

    @Test
    void anEditIsServedWithoutARestartAndABrokenEditKeepsThePreviousVersion() throws Exception {
        try (BotUnderTest t = new BotUnderTest(
                dir, false, Map.of("RUNBOOK_ALERT_FALLBACK_CHANNEL", BotUnderTest.FALLBACK), r -> {})) {
            Path file = t.runbooks().resolve("payments-slow.yaml");
            String original = Files.readString(file);
            String firstVersion = served(t).version();

            Files.writeString(file, original.replace("name: Payment Service High Latency", "name: " + RENAMED));
            Poll.until("the edited runbook served", BotUnderTest.WAIT, () -> Optional.of(served(t))
                    .filter(r -> r.name().equals(RENAMED)));
            String editedVersion = served(t).version();
            assertTrue(!editedVersion.equals(firstVersion), "a new version");

            t.command("run payments-slow", "U111");
            PostedMessage parent = t.awaitParent(1);
            assertTrue(parent.allText().contains(RENAMED), parent.allText());

            // a broken edit: the file no longer loads; the edited version keeps serving
            Files.writeString(
                    file, original.replace("name: Payment Service High Latency", "name: Broken\nrequireApproval: yes"));
            PostedMessage notice = Poll.until(
                    "the broken edit in the fallback channel",
                    BotUnderTest.WAIT,
                    () -> t.slack.messages(BotUnderTest.FALLBACK).stream()
                            .filter(m -> m.byBot() && m.allText().contains("payments-slow.yaml"))
                            .findFirst());
            assertTrue(
                    notice.allText().contains(file + ":5:1: error: unknown key 'requireApproval'"), notice.allText());
            assertTrue(notice.allText().contains("runbook payments-slow keeps its previous version"), notice.allText());
            assertEquals(editedVersion, served(t).version());
            assertEquals(1, t.bot.catalog().refused().size());

            SentEnvelope list = t.command("list", "U111");
            String listed = t.awaitEphemeral(list, "U111");
            assertTrue(
                    listed.contains("`payments-slow.yaml` *invalid*: " + file + ":5:1: error: unknown key"
                            + " 'requireApproval'"),
                    listed);
            assertTrue(listed.contains("(still serving its previous version of `payments-slow`)"), listed);

            t.command("run payments-slow", "U222");
            PostedMessage second = t.awaitParent(2);
            assertTrue(second.allText().contains(RENAMED), "the previous valid version runs: " + second.allText());
            assertEquals(
                    editedVersion,
                    t.bot.records()
                            .incident(new dev.runbookbot.audit.IncidentId(2))
                            .orElseThrow()
                            .runbookVersion());

            // fixed again: served, and nothing is refused any more
            Files.writeString(file, original);
            Poll.until("the fixed runbook served", BotUnderTest.WAIT, () -> Optional.of(served(t))
                    .filter(r -> r.version().equals(firstVersion)
                            && t.bot.catalog().refused().isEmpty()));
            String metrics = t.get("/metrics");
            assertTrue(metrics.contains("runbook_catalog_reloads_total{result=\"invalid\"}"), metrics);
            assertTrue(metrics.contains("runbook_catalog_reloads_total{result=\"ok\"}"), metrics);
        }
    }

    @Test
    void onlyApproversReload() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir)) {
            SentEnvelope refused = t.command("reload", "U444");
            assertEquals(
                    ":no_entry: Not done: only the approvers (U222, S100) may reload the runbooks",
                    t.awaitEphemeral(refused, "U444"));

            SentEnvelope done = t.command("reload", "U333");
            assertEquals(":white_check_mark: Runbooks reloaded: no runbook changed.", t.awaitEphemeral(done, "U333"));
        }
    }
}

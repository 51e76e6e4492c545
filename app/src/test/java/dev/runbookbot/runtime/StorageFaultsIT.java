package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.ExternalBinary;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults seen from outside the packaged bot ({@code runbook-bot.jar bot} as a child JVM, the fake Slack over
 * its WebSocket, webhooks over HTTP).
 *
 * <p>A full disk, for real: once the bot runs, its file-size limit is lowered with {@code prlimit --pid} (RLIMIT_FSIZE;
 * the JVM ignores SIGXFSZ, so a write past the limit fails with EFBIG, which SQLite reports as an I/O error like a full
 * disk), then raised again. Needs no privilege and no mount, so it runs the same as root in CI. While writes fail:
 * Alertmanager gets 503 with {@code Retry-After}, a person in Slack is told "storage unavailable", and {@code /readyz}
 * is 503; once the disk has room again, {@code /readyz} recovers and the retried webhook opens its incident.
 *
 * <p>A deleted database: the bot refuses to start on an empty new one when it has run with that file before, and
 * {@code bot --init} starts it anyway.
 */
class StorageFaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Far below the size of the bot's write-ahead log once it has started, so the next writes fail. */
    private static final String SMALL_FILE_LIMIT = "65536";

    @TempDir
    Path dir;

    private AlertingWorld world;
    private PackagedBot packaged;
    private Process bot;

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (packaged != null) {
            packaged.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aFullDiskIsRetryLaterForAlertmanagerStorageUnavailableInSlackAndNotReadyUntilTheDiskHasRoomAgain()
            throws Exception {
        world = new AlertingWorld(dir);
        packaged = new PackagedBot(world);
        bot = packaged.start(List.of("bot"), Map.of(), ProcessBuilder.Redirect.INHERIT);
        packaged.awaitReady();

        prlimit(bot.pid(), SMALL_FILE_LIMIT + ":unlimited");
        Instant startsAt = Instant.now().minusSeconds(60);
        String refused = null;
        PackagedBot.Answer answer = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            String body = AlertmanagerPayloads.firing(
                    AlertmanagerPayloads.labels("PaymentsSlow", "instance", "disk-" + i),
                    Map.of("summary", "p99 latency high on disk-" + i),
                    startsAt);
            answer = packaged.postAlert(body);
            if (answer.status() != 200) {
                refused = body;
            }
        }
        assertTrue(refused != null, "no webhook was refused while the bot could not write: " + answer);
        assertEquals(503, answer.status(), answer.toString());
        assertEquals(Optional.of("5"), answer.retryAfter(), "Alertmanager retries a 503; Retry-After paces it");
        assertEquals("storage unavailable, retry later\n", answer.body());

        String notReady = Poll.until("/readyz reports the store not writable", WAIT, () -> {
            String readyz = packaged.get("/readyz");
            return readyz.startsWith("503") ? Optional.of(readyz) : Optional.empty();
        });
        assertTrue(notReady.contains("FAIL store writable"), notReady);

        SentEnvelope command =
                world.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", AlertingWorld.PRIMARY);
        String told = Poll.until("the answer to the slash command", WAIT, () -> world.slack.responseUrlPosts().stream()
                .filter(p -> p.envelopeId().equals(command.envelopeId()))
                .map(p -> p.text())
                .findFirst());
        assertTrue(told.startsWith(":warning: Storage unavailable, retry in a minute"), told);
        assertFalse(told.contains("internal error"), told);

        prlimit(bot.pid(), "unlimited:unlimited");
        String ready = Poll.until("/readyz ready again once the disk has room", WAIT, () -> {
            String readyz = packaged.get("/readyz");
            return readyz.startsWith("200") ? Optional.of(readyz) : Optional.empty();
        });
        assertTrue(ready.contains("ok store writable"), ready);
        String retried = refused;
        PackagedBot.Answer accepted = Poll.until("Alertmanager's retry accepted", WAIT, () -> {
            PackagedBot.Answer again = packaged.postAlert(retried);
            return again.status() == 200 ? Optional.of(again) : Optional.empty();
        });
        assertTrue(accepted.body().startsWith("accepted 1 alert(s)")
                || accepted.body().startsWith("duplicate"));
        String summary = retried.substring(retried.indexOf("p99 latency high on disk-"));
        String title = summary.substring(0, summary.indexOf('"'));
        PostedMessage thread = Poll.until(
                "the retried alert's incident thread", WAIT, () -> world.parents(AlertingWorld.PRIMARY).stream()
                        .filter(m -> m.allText().contains(title))
                        .findFirst());
        assertTrue(thread.byBot());
    }

    @Test
    void aDeletedDatabaseStopsTheStartUntilInitIsGivenAndAFirstStartCreatesIt() throws Exception {
        world = new AlertingWorld(dir);
        packaged = new PackagedBot(world);
        bot = packaged.start(
                List.of("bot"),
                Map.of(),
                ProcessBuilder.Redirect.to(dir.resolve("first.err").toFile()));
        packaged.awaitReady();
        assertTrue(Files.isRegularFile(world.database), "a first start creates the database");
        bot.destroy();
        assertTrue(bot.waitFor(60, TimeUnit.SECONDS), "the bot stops on SIGTERM");

        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(world.database + suffix));
        }
        bot = packaged.start(
                List.of("bot"),
                Map.of(),
                ProcessBuilder.Redirect.to(dir.resolve("refused.err").toFile()));
        assertTrue(bot.waitFor(60, TimeUnit.SECONDS), "the bot does not start on a missing database");
        assertEquals(1, bot.exitValue());
        String err = Files.readString(dir.resolve("refused.err"), StandardCharsets.UTF_8);
        assertTrue(
                err.contains("error: database " + world.database.toAbsolutePath()
                        + " is missing, but runbook-bot has run with it before"),
                err);
        assertTrue(err.contains("runbookctl bot --init"), err);
        assertFalse(Files.exists(world.database), "nothing was created");

        bot = packaged.start(
                List.of("bot", "--init"),
                Map.of(),
                ProcessBuilder.Redirect.to(dir.resolve("init.err").toFile()));
        packaged.awaitReady();
        assertTrue(Files.isRegularFile(world.database), "--init creates an empty database");
    }

    /** Sets the file-size limit (soft:hard) of a running process, as {@code prlimit --pid} does. */
    private static void prlimit(long pid, String limits) throws IOException, InterruptedException {
        Path binary = ExternalBinary.require(Path.of("/usr/bin/prlimit"), "util-linux");
        Process prlimit = new ProcessBuilder(binary.toString(), "--pid", Long.toString(pid), "--fsize=" + limits)
                .redirectErrorStream(true)
                .start();
        String output = new String(prlimit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(prlimit.waitFor(30, TimeUnit.SECONDS), "prlimit did not finish");
        assertEquals(0, prlimit.exitValue(), "prlimit --pid " + pid + " --fsize=" + limits + ": " + output);
    }
}

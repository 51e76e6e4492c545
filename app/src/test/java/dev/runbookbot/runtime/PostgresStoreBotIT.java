package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.PostgresServer;
import dev.runbookbot.testing.slack.PostedMessage;
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
 * The packaged bot ({@code runbook-bot.jar bot} as a child JVM, the fake Slack over its WebSocket, webhooks over HTTP)
 * on a real PostgreSQL server selected by {@code RUNBOOK_STORE_URL}: no SQLite file appears; while the server is
 * stopped (every connection cut, as a restart or a primary switch-over does) Alertmanager gets 503 with {@code
 * Retry-After} and {@code /readyz} is 503; once it is back, the bot reconnects by itself, {@code /readyz} recovers and
 * the retried webhook opens its incident.
 */
class PostgresStoreBotIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private AlertingWorld world;
    private PackagedBot packaged;
    private PostgresServer postgres;
    private Process bot;

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (packaged != null) {
            packaged.close();
        }
        if (world != null) {
            world.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aServerRestartIsRetryLaterAndNotReadyUntilTheBotHasReconnected() throws Exception {
        postgres = PostgresServer.start();
        postgres.execute("postgres", "CREATE DATABASE runbookbot");
        world = new AlertingWorld(dir);
        packaged = new PackagedBot(world);
        bot = packaged.start(
                List.of("bot"),
                Map.of(
                        "RUNBOOK_STORE_URL",
                        postgres.jdbcUrl("runbookbot"),
                        "RUNBOOK_STORE_USER",
                        PostgresServer.SUPERUSER,
                        "RUNBOOK_STORE_PASSWORD_SECRET",
                        "store-password",
                        "RUNBOOK_SECRET_STORE_PASSWORD",
                        postgres.superuserPassword(),
                        "RUNBOOK_STORE_BUSY_TIMEOUT",
                        "1s"),
                ProcessBuilder.Redirect.INHERIT);
        packaged.awaitReady();
        assertFalse(Files.exists(world.database), "no SQLite file with a PostgreSQL store");
        String before = alert("before-restart");
        assertEquals(200, packaged.postAlert(before).status());
        awaitThread("before-restart");

        postgres.stop();
        String during = alert("during-restart");
        PackagedBot.Answer refused = packaged.postAlert(during);
        assertEquals(503, refused.status(), refused.toString());
        assertEquals(Optional.of("5"), refused.retryAfter(), "Alertmanager retries a 503; Retry-After paces it");
        String notReady = Poll.until("/readyz reports the store not writable", WAIT, () -> {
            String readyz = packaged.get("/readyz");
            return readyz.startsWith("503") ? Optional.of(readyz) : Optional.empty();
        });
        assertTrue(notReady.contains("FAIL store writable"), notReady);

        postgres.restart();
        String ready = Poll.until("/readyz ready again once PostgreSQL is back", WAIT, () -> {
            String readyz = packaged.get("/readyz");
            return readyz.startsWith("200") ? Optional.of(readyz) : Optional.empty();
        });
        assertTrue(ready.contains("ok store writable"), ready);
        PackagedBot.Answer accepted = Poll.until("Alertmanager's retry accepted", WAIT, () -> {
            PackagedBot.Answer again = packaged.postAlert(during);
            return again.status() == 200 ? Optional.of(again) : Optional.empty();
        });
        assertTrue(accepted.body().startsWith("accepted 1 alert(s)"), accepted.body());
        awaitThread("during-restart");
        assertFalse(Files.exists(world.database), "still no SQLite file");
        assertEquals(
                2,
                countRows("SELECT count(*) FROM incident"),
                "one incident per alert, in PostgreSQL: the refused delivery was not half-recorded");
    }

    @Test
    void anUnreachableServerStopsTheStartNamingTheSetting() throws Exception {
        world = new AlertingWorld(dir);
        packaged = new PackagedBot(world);
        int nothing = PackagedBot.freePort();
        bot = packaged.start(
                List.of("bot"),
                Map.of("RUNBOOK_STORE_URL", "jdbc:postgresql://127.0.0.1:" + nothing + "/runbookbot"),
                ProcessBuilder.Redirect.to(dir.resolve("refused.err").toFile()));
        assertTrue(bot.waitFor(60, TimeUnit.SECONDS), "the bot does not start without its store");
        assertEquals(1, bot.exitValue());
        String err = Files.readString(dir.resolve("refused.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("PostgreSQL at 127.0.0.1:" + nothing + "/runbookbot cannot be reached"), err);
        assertTrue(err.contains("store.url (RUNBOOK_STORE_URL)"), err);
        assertFalse(Files.exists(world.database), "no SQLite file was created instead");
    }

    private long countRows(String sql) throws Exception {
        try (var connection = postgres.connect("runbookbot");
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String alert(String instance) {
        return AlertmanagerPayloads.firing(
                AlertmanagerPayloads.labels("PaymentsSlow", "instance", instance),
                Map.of("summary", "p99 latency high on " + instance),
                Instant.now().minusSeconds(60));
    }

    private PostedMessage awaitThread(String instance) {
        return Poll.until(
                "the incident thread of " + instance, WAIT, () -> world.parents(AlertingWorld.PRIMARY).stream()
                        .filter(m -> m.allText().contains("p99 latency high on " + instance))
                        .findFirst());
    }
}

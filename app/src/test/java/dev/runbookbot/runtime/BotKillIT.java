package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.store.JdbiIncidentQueries;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 right after the 2xx (SQLite keeps committed transactions across an application crash whatever the
 * synchronous setting, sqlite.org/pragma.html#pragma_synchronous): the packaged bot runs as a child JVM ({@code runbook-bot.jar bot})
 * on a SQLite file against the in-process fake Slack; the test posts Alertmanager webhooks, and the moment the last
 * one is acknowledged it kills the process with SIGKILL ({@code destroyForcibly}). A second round kills it a seeded
 * random moment later (the seed is printed), while alerts are being routed and diagnosed. After each kill the bot
 * starts again on the same file. Then: the database is sound, every acknowledged delivery was processed, every
 * acknowledged alert has exactly one incident, and every incident has its thread and a finished diagnosis (run after
 * the restart if the kill cut it short).
 */
class BotKillIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private AlertingWorld world;
    private Process bot;
    private int port;

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (bot != null) {
            bot.destroyForcibly();
            bot.waitFor(30, TimeUnit.SECONDS);
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everyAlertAcknowledgedBeforeAKillHasItsIncidentAfterTheRestart() throws Exception {
        long seed = Long.getLong("killit.seed", System.nanoTime());
        System.out.println("BotKillIT seed " + seed + " (-Dkillit.seed=" + seed + " repeats this run)");
        Random random = new Random(seed);
        world = new AlertingWorld(dir);
        port = freePort();
        List<String> fingerprints = new ArrayList<>();

        start(1);
        fingerprints.addAll(postAlerts(0, 3));
        kill();

        start(2);
        fingerprints.addAll(postAlerts(3, 3));
        TimeUnit.MILLISECONDS.sleep(random.nextInt(1_500)); // the kill's moment, not a wait for a result
        kill();

        start(3);
        Poll.until(
                "every acknowledged delivery processed",
                WAIT,
                () -> world.unprocessedDeliveries() == 0 ? Optional.of(true) : Optional.empty());
        List<Incident> incidents;
        try {
            incidents = Poll.until("every incident diagnosed", WAIT, () -> {
                List<Incident> all = JdbiIncidentQueries.readOnly(world.database, q -> q.incidents(false, 100));
                boolean done = all.size() == fingerprints.size()
                        && all.stream()
                                .allMatch(i -> JdbiIncidentQueries.readOnly(world.database, q -> diagnosed(q, i)));
                return done ? Optional.of(all) : Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + describe() + "\nlast bot's log:\n" + read("bot-3.err"), e);
        }

        try (SqliteDatabase db = SqliteDatabase.openReadOnly(StoreOptions.at(world.database))) {
            assertEquals("ok", db.integrityCheck());
        }
        for (String fingerprint : fingerprints) {
            assertEquals(
                    1,
                    incidents.stream()
                            .filter(i -> i.dedupKey().equals(Optional.of(fingerprint)))
                            .count(),
                    "one incident for " + fingerprint + ": " + incidents);
        }
        for (Incident incident : incidents) {
            assertTrue(incident.thread().isPresent(), incident + " has no thread");
            String ts = incident.thread().get().ts();
            // the store says diagnosed first; the thread's reply follows through the bot's delivery queue
            Poll.until(
                    "the diagnosis of " + incident.id() + " in its thread",
                    Duration.ofSeconds(60),
                    () -> world.replies(AlertingWorld.PRIMARY, ts).stream()
                            .filter(m -> m.allText().contains("Payments API health"))
                            .findFirst());
        }
        System.out.println("BotKillIT: " + incidents.size() + " incidents, "
                + world.parents(AlertingWorld.PRIMARY).size() + " parent messages in " + AlertingWorld.PRIMARY);
    }

    /** Every incident with its state and timeline, for a failure message. */
    private String describe() {
        return JdbiIncidentQueries.readOnly(world.database, q -> {
            StringBuilder text = new StringBuilder();
            for (Incident incident : q.incidents(false, 100)) {
                text.append(incident.id())
                        .append(' ')
                        .append(incident.state())
                        .append(' ')
                        .append(incident.dedupKey().orElse(""))
                        .append('\n');
                q.timeline(incident.id()).forEach(e -> text.append("  ")
                        .append(e.kind())
                        .append(' ')
                        .append(e.summary())
                        .append('\n'));
            }
            return text.toString();
        });
    }

    /** The diagnosis finished: the incident left diagnosing after having entered it. */
    private static boolean diagnosed(IncidentQueries queries, Incident incident) {
        Incident now = queries.incident(incident.id()).orElseThrow();
        List<TimelineEvent> timeline = queries.timeline(incident.id());
        return now.state() != IncidentState.DIAGNOSING
                && timeline.stream()
                        .anyMatch(e ->
                                e.kind() == TimelineKind.STATE && e.summary().contains("diagnosis finished"));
    }

    private List<String> postAlerts(int from, int count) throws IOException {
        List<String> fingerprints = new ArrayList<>();
        Instant startsAt = Instant.now().minusSeconds(60);
        for (int i = from; i < from + count; i++) {
            Map<String, String> labels = AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-" + i);
            int status = world.postAlertmanager(
                    port,
                    AlertmanagerPayloads.firing(labels, Map.of("summary", "p99 latency high on pay-" + i), startsAt));
            assertEquals(200, status, "acknowledged");
            fingerprints.add(AlertFingerprint.of(labels));
        }
        return fingerprints;
    }

    private void start(int round) throws IOException {
        String jar = System.getProperty("runbookbot.jar");
        assertTrue(
                jar != null && Files.isRegularFile(Path.of(jar)),
                "the packaged jar (system property runbookbot.jar, set by failsafe) is missing: " + jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "bot")
                .redirectOutput(dir.resolve("bot-" + round + ".out").toFile())
                .redirectError(dir.resolve("bot-" + round + ".err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("RUNBOOK_") || name.startsWith("SLACK_"));
        builder.environment().putAll(world.env(port));
        bot = builder.start();
        Poll.until("the bot (round " + round + ") ready on port " + port, WAIT, () -> {
            if (!bot.isAlive()) {
                throw new AssertionError(
                        "the bot exited with " + bot.exitValue() + ":\n" + read("bot-" + round + ".err"));
            }
            try {
                return world.get(port, "/readyz").startsWith("200") ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private void kill() throws InterruptedException {
        bot.destroyForcibly();
        assertTrue(bot.waitFor(30, TimeUnit.SECONDS), "the bot did not die");
        bot = null;
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(cannot read " + name + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.store.JdbiIncidentQueries;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * Replays across a crash, seen from outside: the packaged bot ({@code runbook-bot.jar bot}, a child JVM on a SQLite
 * file, against the in-process fake Slack) takes an Alertmanager alert and a person's Done click on its manual step;
 * then it is killed with SIGKILL and started again on the same file, and the very same webhook body and the very same
 * Socket Mode envelope of the click (same envelope id, same action payload) are delivered again, as a retrying sender
 * or a replaying attacker would. Nothing acts twice: the alert keeps its one incident and one thread, the step stays
 * done once, and the replayed click is refused and recorded.
 */
class ReplayAfterRestartIT {
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
    void aReplayedWebhookAndAReplayedClickAfterAKillDoNotActTwice() throws Exception {
        world = new AlertingWorld(dir);
        port = freePort();
        Map<String, String> labels = AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-1");
        String firing = AlertmanagerPayloads.firing(
                labels,
                Map.of("summary", "p99 latency high on pay-1"),
                Instant.now().minusSeconds(60));

        start(1);
        assertEquals(200, world.postAlertmanager(port, firing));
        PostedMessage parent =
                Poll.until("the incident thread", WAIT, () -> world.parents(AlertingWorld.PRIMARY).stream()
                        .findFirst());
        PostedMessage manual = Poll.until(
                "the manual step with its Done button",
                WAIT,
                () -> world.replies(AlertingWorld.PRIMARY, parent.ts()).stream()
                        .filter(m -> m.buttonActionIds().contains("done"))
                        .findFirst());
        SentEnvelope done = world.slack.clickButton(manual.ts(), "done", "U222");
        Incident incident = onlyIncident();
        RemediationRun run = Poll.until("the step marked done", WAIT, () -> runs(incident).stream()
                .filter(r -> r.state() == RunState.SUCCEEDED)
                .findFirst());
        int transitions = run.transitions().size();
        kill();

        start(2);
        assertEquals(200, world.postAlertmanager(port, firing), "the replayed webhook is acknowledged");
        world.slack.send(done.json().deepCopy());

        Poll.until(
                "the replayed delivery processed",
                WAIT,
                () -> world.unprocessedDeliveries() == 0 ? Optional.of(true) : Optional.empty());
        Poll.until("the replayed click refused and recorded", WAIT, () -> timeline(incident).stream()
                .filter(e -> e.summary().startsWith("refused mark_done of " + run.label()))
                .findFirst());

        assertEquals(incident.id(), onlyIncident().id(), "still one incident for " + AlertFingerprint.of(labels));
        assertEquals(1, world.parents(AlertingWorld.PRIMARY).size(), "still one thread");
        RemediationRun after = runs(incident).stream()
                .filter(r -> r.id().equals(run.id()))
                .findFirst()
                .orElseThrow();
        assertEquals(RunState.SUCCEEDED, after.state());
        assertEquals(transitions, after.transitions().size(), "the step was not done a second time");
        assertEquals(1, runs(incident).size(), "nothing new was proposed");
        assertEquals(
                1,
                timeline(incident).stream()
                        .filter(e -> e.summary().startsWith(run.label() + " succeeded"))
                        .count(),
                timeline(incident).toString());
    }

    private Incident onlyIncident() {
        List<Incident> all = JdbiIncidentQueries.readOnly(world.database, q -> q.incidents(false, 100));
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private List<RemediationRun> runs(Incident incident) {
        return JdbiIncidentQueries.readOnly(world.database, q -> q.runs(incident.id()));
    }

    private List<TimelineEvent> timeline(Incident incident) {
        return JdbiIncidentQueries.readOnly(world.database, q -> q.timeline(incident.id()));
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

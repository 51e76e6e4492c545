package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One problem, one thread: a {@code /runbook run} of a runbook whose alert already opened an incident for the same
 * environment joins that incident's thread, and an alert for a runbook someone already runs by hand joins theirs (said
 * once, however often Alertmanager repeats it). Through the whole bot, its webhook and a fake Slack.
 */
class IncidentJoinIT {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private AlertingBot running;
    private AlertingWorld world;
    private BotRuntime bot;

    @BeforeEach
    void start() throws Exception {
        running = AlertingBot.start(dir, clock, WAIT);
        world = running.world;
        bot = running.bot;
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    private String alert(String instance) {
        return AlertmanagerPayloads.firing(
                AlertmanagerPayloads.labels("PaymentsSlow", "instance", instance, "env", "production"),
                Map.of("summary", "p99 latency high on " + instance),
                clock.instant().minusSeconds(60));
    }

    private PostedMessage onlyParent() {
        return Poll.until("the incident thread", WAIT, () -> world.parents(AlertingWorld.PRIMARY).stream()
                .findFirst());
    }

    private void awaitReply(PostedMessage parent, String text) {
        Poll.until(
                "'" + text + "' in the thread", WAIT, () -> world.replies(AlertingWorld.PRIMARY, parent.ts()).stream()
                        .filter(m -> m.allText().contains(text))
                        .findFirst());
    }

    @Test
    void aCommandJoinsTheOpenAlertIncident() throws Exception {
        assertEquals(200, world.postAlertmanager(bot.webPort(), alert("pay-1")));
        PostedMessage parent = onlyParent();
        Poll.until("the thread recorded", WAIT, () -> bot.records()
                .incident(new IncidentId(1))
                .flatMap(i -> i.thread()));

        SentEnvelope run = world.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", AlertingWorld.PRIMARY);

        String answer = Poll.until("the answer", WAIT, () -> world.slack.responseUrlPosts().stream()
                .filter(p -> p.envelopeId().equals(run.envelopeId()))
                .map(p -> p.text())
                .findFirst()
                .or(() -> world.slack.ephemerals().stream()
                        .filter(e -> e.userId().equals("U111"))
                        .map(e -> e.text())
                        .findFirst()));
        assertTrue(answer.startsWith(":link: INC-1 is already open for `payments-slow` in production"), answer);
        awaitReply(
                parent,
                "U111 (slash command) asked to run runbook payments-slow for production, which this"
                        + " incident is already handling: it joined this thread instead of opening another.");
        assertEquals(1, world.parents(AlertingWorld.PRIMARY).size(), "no second thread");
        assertEquals(1, bot.records().incidents(false, 10).size());
    }

    @Test
    void anAlertJoinsTheIncidentSomeoneRunsByHandOnce() throws Exception {
        world.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", AlertingWorld.PRIMARY);
        PostedMessage parent = onlyParent();

        assertEquals(200, world.postAlertmanager(bot.webPort(), alert("pay-1")));
        awaitReply(parent, "An alert (alertmanager, alertmanager) asked to run runbook payments-slow");
        assertEquals(200, world.postAlertmanager(bot.webPort(), alert("pay-1")));
        Poll.until(
                "the repeat processed",
                WAIT,
                () -> world.unprocessedDeliveries() == 0 ? Optional.of(true) : Optional.empty());

        assertEquals(1, world.parents(AlertingWorld.PRIMARY).size(), "no second thread");
        assertEquals(
                1,
                bot.records().timeline(new IncidentId(1)).stream()
                        .filter(e -> e.summary().startsWith("An alert ("))
                        .count(),
                "said once");
    }
}

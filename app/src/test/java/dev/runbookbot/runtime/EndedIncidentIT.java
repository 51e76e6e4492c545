package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing runs on an incident that has ended, seen from outside: the whole bot takes an Alertmanager alert, proposes
 * its remediation with a button, and then the alert resolves. The waiting run is cancelled, its message says so and
 * loses its button, and a click on the button as a person's client still shows it does nothing but explain why.
 */
class EndedIncidentIT {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final IncidentId INC_1 = new IncidentId(1);

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

    @Test
    void theAlertResolvingCancelsTheWaitingRunRemovesItsButtonAndAStaleClickDoesNothing() throws Exception {
        Map<String, String> labels = AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-1");
        Map<String, String> annotations = Map.of("summary", "p99 latency high on pay-1");
        Instant startsAt = clock.instant().minusSeconds(60);
        assertEquals(
                200, world.postAlertmanager(bot.webPort(), AlertmanagerPayloads.firing(labels, annotations, startsAt)));
        PostedMessage parent =
                Poll.until("the incident thread", WAIT, () -> world.parents(AlertingWorld.PRIMARY).stream()
                        .findFirst());
        PostedMessage manual = Poll.until(
                "the manual step with its Done button",
                WAIT,
                () -> world.replies(AlertingWorld.PRIMARY, parent.ts()).stream()
                        .filter(m -> m.buttonActionIds().equals(List.of("done")))
                        .findFirst());
        clock.advance(Duration.ofMinutes(1));

        assertEquals(
                200,
                world.postAlertmanager(
                        bot.webPort(), AlertmanagerPayloads.resolved(labels, annotations, startsAt, clock.instant())));

        PostedMessage cancelled = Poll.until("the run's message edited to say it was cancelled", WAIT, () -> world.slack
                .message(manual.ts())
                .filter(m -> m.buttonActionIds().isEmpty() && m.allText().contains("*Cancelled* at")));
        assertTrue(
                cancelled.allText().contains("INC-1 was resolved by alertmanager before it ran"), cancelled.allText());
        RemediationRun run = bot.records().runs(INC_1).get(0);
        assertEquals(RunState.CANCELLED, run.state());
        assertEquals(
                IncidentState.RESOLVED,
                bot.records().incident(INC_1).orElseThrow().state());

        SentEnvelope stale = world.slack.clickButton(manual, "done", "U222");

        String refusal = Poll.until("the answer to the stale click", WAIT, () -> world.slack.responseUrlPosts().stream()
                .filter(p -> p.envelopeId().equals(stale.envelopeId()))
                .map(p -> p.text())
                .findFirst());
        assertTrue(refusal.contains("was cancelled at"), refusal);
        Poll.until("the refusal in the timeline", WAIT, () -> bot.records().timeline(INC_1).stream()
                .filter(e -> e.summary().startsWith("refused mark_done of " + run.label()))
                .findFirst());
        assertEquals(
                RunState.CANCELLED, bot.records().run(run.id()).orElseThrow().state(), "nothing ran");
    }
}

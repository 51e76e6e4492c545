package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.ChatPlacements;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentLifecycle;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.OverrideCount;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.NewIncidents;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.FakeChannel;
import dev.runbookbot.testing.slack.FakeSlack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway holds the messages of open incidents only: once an ended incident's last message is out (the resolution's
 * note, posted after the parent's final edit was asked for), its thread is forgotten. Before, an incident resolved by
 * its alert stayed in memory for the life of the process, some kilobytes each (found by {@code SoakBench}).
 */
class SlackChatGatewayMemoryTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final int RESOLVED = 5;

    @TempDir
    Path dir;

    @Test
    void forgetsAResolvedIncidentsThreadOnceItsLastNoteIsPosted() throws Exception {
        RunbookSpec runbook = benchRunbook();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService sender = Executors.newFixedThreadPool(2);
        try (BotOnFakeSlack bot = new BotOnFakeSlack(FakeSlack.start())) {
            FakeSlack slack = bot.slack;
            MessageUpdateCoalescer updates =
                    new MessageUpdateCoalescer(bot.webApi::update, timer, Duration.ofMillis(50));
            SlackChatGateway chat = new SlackChatGateway(
                    bot.webApi,
                    updates,
                    new NothingStored(),
                    sender,
                    timer,
                    ChatPlacements.NONE,
                    DeliveryBackoff.DEFAULT);

            for (int i = 1; i <= RESOLVED + 1; i++) {
                String channel = "C70" + i; // a channel each: Slack paces posts per channel
                slack.addChannel(FakeChannel.publicWithBot(channel, "team-" + i));
                Incident open = opened(new IncidentId(i));
                chat.openThread(channel, open, runbook);
                if (i <= RESOLVED) {
                    Incident resolved = IncidentLifecycle.moveTo(
                                    open, IncidentState.RESOLVED, "alertmanager", "alert ended", T0.plusSeconds(60))
                            .appliedValue()
                            .orElseThrow()
                            .after();
                    chat.note(resolved, "Resolved by Alertmanager");
                    chat.showIncident(resolved, runbook);
                }
            }

            for (int i = 1; i <= RESOLVED; i++) {
                String channel = "C70" + i;
                Poll.until(
                        "the resolution note in " + channel,
                        Duration.ofSeconds(30),
                        () -> slack.messages(channel).stream()
                                .filter(m -> m.threadTs() != null && m.text().contains("Resolved by Alertmanager"))
                                .findFirst());
            }
            int held = Poll.until(
                    "only the open incident's thread held",
                    Duration.ofSeconds(30),
                    () -> chat.threadsHeld() == 1 ? Optional.of(1) : Optional.empty());
            assertEquals(1, held);
            assertEquals(
                    Optional.of(slack.messages("C70" + (RESOLVED + 1)).get(0).ts()),
                    chat.placeOf(new IncidentId(RESOLVED + 1)).map(at -> at.ts()),
                    "the open incident is still known where it was posted");
            updates.close();
        } finally {
            sender.shutdownNow();
            timer.shutdownNow();
        }
    }

    private static Incident opened(IncidentId id) {
        return IncidentLifecycle.open(id, NewIncidents.alert("fp-" + id.value()), Optional.empty(), T0)
                .after();
    }

    private RunbookSpec benchRunbook() throws IOException {
        Path file = dir.resolve("bench-payments.yaml");
        try (InputStream in = getClass().getResourceAsStream("/bench-runbooks/bench-payments.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        return new RunbookLoader().load(file).spec().orElseThrow();
    }

    /** A record with nothing in it: the gateway renders what it is given. */
    private static final class NothingStored implements IncidentQueries {
        @Override
        public Optional<Incident> incident(IncidentId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Incident> openIncidentByDedupKey(String dedupKey) {
            return Optional.empty();
        }

        @Override
        public List<Incident> incidents(boolean openOnly, int limit) {
            return List.of();
        }

        @Override
        public Optional<RemediationRun> run(RunId id) {
            return Optional.empty();
        }

        @Override
        public List<RemediationRun> runs(IncidentId incident) {
            return List.of();
        }

        @Override
        public List<RemediationRun> runsAwaitingApproval() {
            return List.of();
        }

        @Override
        public List<Incident> pendingEscalations() {
            return List.of();
        }

        @Override
        public List<TimelineEvent> timeline(IncidentId incident) {
            return List.of();
        }

        @Override
        public List<OverrideCount> overrideReport() {
            return List.of();
        }
    }
}

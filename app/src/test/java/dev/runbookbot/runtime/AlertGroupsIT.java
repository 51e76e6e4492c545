package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.AlertmanagerServer;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.RecordedFixtures;
import dev.runbookbot.testing.slack.PostedMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager groups through the whole bot ({@link BotRuntime} in-process, the fake Slack over its WebSocket):
 *
 * <ul>
 *   <li>a real Alertmanager (route grouped by {@code alertname}) sends ten alerts as one notification: one incident,
 *       one thread, one diagnosis, and the thread lists every alert; an eleventh alert joins the thread; when all have
 *       resolved, the incident resolves once;
 *   <li>recorded Alertmanager payloads ({@code fixtures/alertmanager/debian-0.25-captured-*.json}) posted over HTTP: a
 *       firing, its resolution, then a late notification of the same group from a lagging HA peer that still carries
 *       the old firing: the stale firing is recorded and re-opens nothing.
 * </ul>
 */
class AlertGroupsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private AlertingBot running;
    private AlertingWorld world;
    private BotRuntime bot;
    private AlertmanagerServer alertmanager;

    @BeforeEach
    void start() throws Exception {
        running = AlertingBot.start(dir, clock, WAIT);
        world = running.world;
        bot = running.bot;
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void tenAlertsOfOneGroupAreOneIncidentAJoiningAlertIsShownAndAllResolvedResolvesIt() throws IOException {
        alertmanager = AlertmanagerServer.withBearerToken(
                URI.create("http://127.0.0.1:" + bot.webPort() + "/webhooks/alertmanager"), AlertingWorld.TOKEN);
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, String>> ten = instances(0, 10);
        alertmanager.postAlerts(alerts(ten, startsAt, Optional.empty()));

        PostedMessage parent =
                Poll.until("the group's incident thread", WAIT, () -> world.parents(AlertingWorld.PRIMARY).stream()
                        .findFirst());
        PostedMessage listed = reply(parent, "This incident covers 10 firing alert(s) of one Alertmanager group");
        for (int i = 0; i < 10; i++) {
            assertTrue(listed.allText().contains("instance=pay-" + i), listed.allText());
        }
        Incident incident = onlyIncident();
        Poll.until("the diagnosis finished", WAIT, () -> bot.records().timeline(incident.id()).stream()
                .filter(e -> e.summary().contains("diagnosis finished"))
                .findFirst());

        List<Map<String, String>> eleven = instances(0, 11);
        alertmanager.postAlerts(alerts(eleven.subList(10, 11), startsAt.plusSeconds(1), Optional.empty()));
        PostedMessage joined = reply(parent, "1 alert(s) joined this incident's Alertmanager group");
        assertTrue(joined.allText().contains("instance=pay-10"), joined.allText());

        alertmanager.postAlerts(
                alerts(eleven, startsAt, Optional.of(Instant.now().minusSeconds(1))));
        reply(parent, "all 11 alerts of the group have resolved.");
        assertEquals(
                IncidentState.RESOLVED,
                bot.records().incident(incident.id()).orElseThrow().state());
        assertEquals(1, world.parents(AlertingWorld.PRIMARY).size(), "one thread for the whole group");
        assertEquals(1, bot.records().incidents(false, 100).size(), "one incident for the whole group");
        assertEquals(
                1,
                bot.records().timeline(incident.id()).stream()
                        .filter(e -> e.summary().contains("diagnostics started"))
                        .count(),
                "one diagnosis for the whole group");
    }

    @Test
    void aStaleFiringAfterItsResolutionIsRecordedAndReopensNothing() throws Exception {
        String firing = fixture("debian-0.25-captured-firing.json");
        String resolved = fixture("debian-0.25-captured-resolved.json");
        assertEquals(200, world.postAlertmanager(bot.webPort(), firing));
        Incident incident =
                Poll.until("the incident of the firing", WAIT, () -> bot.records().incidents(false, 10).stream()
                        .findFirst());
        assertEquals(200, world.postAlertmanager(bot.webPort(), resolved));
        Poll.until("the incident resolved", WAIT, () -> bot.records()
                .incident(incident.id())
                .filter(i -> i.state() == IncidentState.RESOLVED));

        // The lagging peer of an HA pair had not seen the resolution, and the group has gained an alert since.
        ObjectNode late = (ObjectNode) json.readTree(firing);
        ObjectNode newcomer = ((ObjectNode) late.withArray("alerts").get(0)).deepCopy();
        ObjectNode labels = newcomer.with("labels");
        labels.put("instance", "127.0.0.1:19188");
        Map<String, String> newLabels = new TreeMap<>();
        labels.fields()
                .forEachRemaining(e -> newLabels.put(e.getKey(), e.getValue().asText()));
        newcomer.put("fingerprint", AlertFingerprint.of(newLabels));
        newcomer.put("startsAt", "2026-11-23T07:08:02.83Z");
        ((ArrayNode) late.withArray("alerts")).add(newcomer);
        assertEquals(200, world.postAlertmanager(bot.webPort(), json.writeValueAsString(late)));

        String staleFingerprint =
                late.withArray("alerts").get(0).get("fingerprint").asText();
        TimelineEvent stale =
                Poll.until("the stale firing recorded", WAIT, () -> bot.records().timeline(incident.id()).stream()
                        .filter(e -> e.summary()
                                .startsWith("stale firing ignored: alert PaymentsDbConnectionsHigh (fingerprint "
                                        + staleFingerprint + ") started at 2026-11-23T07:07:32.830Z"))
                        .findFirst());
        assertTrue(stale.summary().endsWith("not after its recorded resolution at 2026-11-23T07:07:44.830Z"));
        Incident newcomerIncident =
                Poll.until("the newcomer's incident", WAIT, () -> bot.records().incidents(false, 10).stream()
                        .filter(i -> !i.id().equals(incident.id()))
                        .findFirst());
        assertEquals(Optional.of(AlertFingerprint.of(newLabels)), newcomerIncident.dedupKey());
        assertEquals(
                IncidentState.RESOLVED,
                bot.records().incident(incident.id()).orElseThrow().state(),
                "the stale firing re-opened nothing");
        assertEquals(2, bot.records().incidents(false, 10).size(), "nothing opened for the stale firing");
        assertFalse(
                bot.records().incidents(true, 10).stream()
                        .anyMatch(i -> i.dedupKey().equals(Optional.of(staleFingerprint))),
                "no open incident for the stale alert");
    }

    private PostedMessage reply(PostedMessage parent, String containing) {
        return Poll.until(
                "a reply saying '" + containing + "'",
                WAIT,
                () -> world.replies(AlertingWorld.PRIMARY, parent.ts()).stream()
                        .filter(m -> m.allText().contains(containing))
                        .findFirst());
    }

    private Incident onlyIncident() {
        List<Incident> all = bot.records().incidents(false, 10);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private static List<Map<String, String>> instances(int from, int to) {
        List<Map<String, String>> labels = new ArrayList<>();
        for (int i = from; i < to; i++) {
            labels.add(AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-" + i));
        }
        return labels;
    }

    private String alerts(List<Map<String, String>> labelSets, Instant startsAt, Optional<Instant> endsAt)
            throws IOException {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, String> labels : labelSets) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("labels", labels);
            alert.put("annotations", Map.of("summary", "p99 latency high on " + labels.get("instance")));
            alert.put("startsAt", startsAt.toString());
            endsAt.ifPresent(end -> alert.put("endsAt", end.toString()));
            alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=x");
            alerts.add(alert);
        }
        return json.writeValueAsString(alerts);
    }

    private static String fixture(String name) {
        return RecordedFixtures.read(
                RecordedFixtures.root().resolve("alertmanager").resolve(name));
    }
}

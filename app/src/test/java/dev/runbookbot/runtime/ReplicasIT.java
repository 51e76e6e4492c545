package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.replica.LeaseGrant;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several packaged bots as one (docs/scaling.md): replicas as child JVMs on one PostgreSQL database, each with its own web port and
 * its own Socket Mode connection to one fake Slack, which hands envelopes to each connection in turn. The replicas are
 * shared by the cases; a case that kills one starts replicas again first if it needs them. Every wait is for a
 * recorded event (a stored state, a request that reached the test's server, a message in the fake Slack).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String APPROVER = "U222";

    private ReplicaWorld world;
    private BotReplicas replicas;
    private final AtomicInteger alerts = new AtomicInteger();

    @BeforeAll
    void start(@TempDir Path dir) throws IOException, InterruptedException {
        world = new ReplicaWorld(dir, ReplicaWorld.Store.POSTGRESQL);
        replicas = new BotReplicas(dir, world::env);
        replicas.ensureAlive(3, world::get);
        world.slack.awaitOpenConnections(3);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (replicas != null) {
                replicas.close();
            }
        } finally {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    @Order(1)
    void theSameAlertSentToEveryReplicaOpensOneIncident() throws Exception {
        Map<String, String> labels = nextAlert();
        String body = AlertmanagerPayloads.firing(labels, Map.of("summary", "p99 high"), Instant.now());

        List<Integer> statuses = postToEveryReplica(body);

        assertEquals(List.of(200, 200, 200), statuses);
        Incident incident = awaitIncident(AlertFingerprint.of(labels));
        awaitAllDeliveriesProcessed();
        assertEquals(1, incidentsWith(AlertFingerprint.of(labels)), "one incident for " + labels);
        awaitDiagnosed(incident);
    }

    @Test
    @Order(2)
    void aThousandMixedDeliveriesSpreadAcrossTheReplicasOpenOneIncidentPerAlert() throws Exception {
        List<BotReplicas.Replica> alive = replicas.ensureAlive(3, world::get);
        int distinct = 100;
        List<Map<String, String>> labels = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            labels.add(nextAlert());
        }
        Instant startsAt = Instant.now().minusSeconds(600);
        List<String> bodies = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (Map<String, String> alert : labels) {
                // even rounds repeat one notification (the same delivery again); odd rounds are new deliveries of the
                // same alert (another startsAt), which must join its open incident
                Instant at = round % 2 == 0 ? startsAt : startsAt.plusSeconds(round);
                bodies.add(AlertmanagerPayloads.firing(alert, Map.of("summary", "p99 high"), at));
            }
        }
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                int port = alive.get(i % alive.size()).port();
                String body = bodies.get(i);
                sent.add(senders.submit(() -> postUntilAccepted(port, body)));
            }
            for (Future<Integer> status : sent) {
                assertEquals(200, status.get());
            }
        } finally {
            senders.shutdownNow();
        }
        awaitAllDeliveriesProcessed();
        for (Map<String, String> alert : labels) {
            assertEquals(1, incidentsWith(AlertFingerprint.of(alert)), "one incident for " + alert);
        }
    }

    @Test
    @Order(3)
    void doubleClicksOnDifferentReplicasRunTheRemediationOnce() throws Exception {
        replicas.ensureAlive(3, world::get);
        world.slack.awaitOpenConnections(3);
        awaitNoDiagnosisUnderWay();
        Incident incident = openAndDiagnose();
        PostedMessage proposal = awaitProposal(incident);
        int restartsBefore = world.requests(ReplicaWorld.RESTART);

        SentEnvelope first = world.slack.clickButton(proposal.ts(), "approve", APPROVER);
        SentEnvelope second = world.slack.clickButton(proposal.ts(), "approve", APPROVER);

        assertNotEquals(first.connectionId(), second.connectionId(), "the clicks reached two replicas");
        world.slack.awaitAck(first.envelopeId());
        world.slack.awaitAck(second.envelopeId());
        RemediationRun run = awaitRun(incident, r -> r.state() == RunState.SUCCEEDED);
        assertEquals(restartsBefore + 1, world.requests(ReplicaWorld.RESTART), "the restart ran once");
        assertEquals(1, world.records(q -> q.runs(incident.id())).size(), "one run: " + run);
    }

    @Test
    @Order(4)
    void killingTheReplicaThatDiagnosesLetsAnotherFinishTheDiagnosis() throws Exception {
        replicas.ensureAlive(3, world::get);
        awaitNoDiagnosisUnderWay();
        world.hold(ReplicaWorld.HEALTH);
        int healthBefore = world.requests(ReplicaWorld.HEALTH);
        Map<String, String> labels = nextAlert();
        assertEquals(
                200,
                world.postAlertmanager(
                        replicas.alive().get(0).port(),
                        AlertmanagerPayloads.firing(labels, Map.of("summary", "p99 high"), Instant.now())));
        Incident incident = awaitIncident(AlertFingerprint.of(labels));
        Poll.until(
                "the diagnosis under way (its request held)",
                WAIT,
                () -> world.requests(ReplicaWorld.HEALTH) > healthBefore ? Optional.of(true) : Optional.empty());
        String owner = world.claimHolder(incident.id().value()).orElseThrow();
        BotReplicas.Replica diagnosing =
                replicas.byPid(ReplicaWorld.pidOf(owner)).orElseThrow(() -> new AssertionError("no replica " + owner));

        replicas.kill(diagnosing);
        world.release(ReplicaWorld.HEALTH);

        String taker = Poll.until("another replica takes the diagnosis over", WAIT, () -> world.claimHolder(
                        incident.id().value())
                .filter(holder -> !holder.equals(owner)));
        assertNotEquals(diagnosing.pid(), ReplicaWorld.pidOf(taker));
        awaitDiagnosed(incident);
        Poll.until(
                "the thread says the diagnosis runs again", WAIT, () -> world.replies(incidentThread(incident)).stream()
                        .filter(m -> m.allText().contains("diagnosing this incident again"))
                        .findFirst());
    }

    @Test
    @Order(5)
    void killingTheReplicaThatRemediatesMarksTheRunInterruptedAndNothingRunsItAgain() throws Exception {
        replicas.ensureAlive(3, world::get);
        world.slack.awaitOpenConnections(3);
        Incident incident = openAndDiagnose();
        PostedMessage proposal = awaitProposal(incident);
        world.hold(ReplicaWorld.RESTART);
        int restartsBefore = world.requests(ReplicaWorld.RESTART);

        world.slack.clickButton(proposal.ts(), "approve", APPROVER);
        RemediationRun running = awaitRun(incident, r -> r.state() == RunState.RUNNING);
        Poll.until(
                "the restart under way (its request held)",
                WAIT,
                () -> world.requests(ReplicaWorld.RESTART) > restartsBefore ? Optional.of(true) : Optional.empty());
        String worker = running.worker().orElseThrow();
        BotReplicas.Replica remediating = replicas.byPid(ReplicaWorld.pidOf(worker))
                .orElseThrow(() -> new AssertionError("no replica " + worker));

        replicas.kill(remediating);
        world.release(ReplicaWorld.RESTART);

        RemediationRun interrupted = awaitRun(incident, r -> r.state() == RunState.INTERRUPTED);
        assertEquals(running.id(), interrupted.id());
        assertEquals(restartsBefore + 1, world.requests(ReplicaWorld.RESTART), "the restart was not run again");
        assertTrue(
                world.records(q -> q.timeline(incident.id())).stream()
                        .anyMatch(e ->
                                e.kind() != TimelineKind.NOTE && e.summary().contains("stopped without a result")),
                "the timeline says why");
    }

    @Test
    @Order(6)
    void theBackgroundLeaseMovesToAnotherReplicaAfterItsHolderIsKilled() throws Exception {
        replicas.ensureAlive(2, world::get);
        LeaseGrant before = Poll.until("a valid background lease", WAIT, () -> world.lease("background")
                .filter(l -> l.validMillis() > 0));
        String holder = before.holder();
        BotReplicas.Replica holding = replicas.byPid(ReplicaWorld.pidOf(holder)).orElseThrow();

        long killedAt = System.nanoTime();
        replicas.kill(holding);

        LeaseGrant after =
                Poll.until("another replica holds the background lease", WAIT, () -> world.lease("background")
                        .filter(l -> !holder.equals(l.holder()) && l.validMillis() > 0));
        System.out.printf(
                "ReplicasIT: the background lease moved from %s to %s (token %d -> %d) %d ms after kill -9%n",
                holder, after.holder(), before.token(), after.token(), (System.nanoTime() - killedAt) / 1_000_000);
        assertEquals(before.token() + 1, after.token(), "a new tenure, one token up");
        assertTrue(replicas.byPid(ReplicaWorld.pidOf(after.holder())).isPresent(), "held by one alive replica");
        assertFalse(Files.exists(world.database), "no SQLite file with a PostgreSQL store");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private Map<String, String> nextAlert() {
        return AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-" + alerts.incrementAndGet());
    }

    private List<Integer> postToEveryReplica(String body) throws Exception {
        List<BotReplicas.Replica> alive = replicas.alive();
        ExecutorService pool = Executors.newFixedThreadPool(alive.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (BotReplicas.Replica r : alive) {
                answers.add(pool.submit(() -> postUntilAccepted(r.port(), body)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Posts as Alertmanager does: a 503 (the store busy) is sent again. */
    private int postUntilAccepted(int port, String body) throws IOException {
        return Poll.until("the delivery accepted", WAIT, () -> {
            try {
                int status = world.postAlertmanager(port, body);
                return status == 503 ? Optional.empty() : Optional.of(status);
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private Incident openAndDiagnose() throws IOException {
        Map<String, String> labels = nextAlert();
        assertEquals(
                200,
                world.postAlertmanager(
                        replicas.alive().get(0).port(),
                        AlertmanagerPayloads.firing(labels, Map.of("summary", "p99 high"), Instant.now())));
        Incident incident = awaitIncident(AlertFingerprint.of(labels));
        awaitDiagnosed(incident);
        return incident;
    }

    private Incident awaitIncident(String fingerprint) {
        return Poll.until(
                "an incident for " + fingerprint, WAIT, () -> world.records(q -> q.incidents(false, 10_000)).stream()
                        .filter(i -> i.dedupKey().equals(Optional.of(fingerprint)))
                        .findFirst());
    }

    private long incidentsWith(String fingerprint) {
        return world.records(q -> q.incidents(false, 10_000)).stream()
                .filter(i -> i.dedupKey().equals(Optional.of(fingerprint)))
                .count();
    }

    private void awaitAllDeliveriesProcessed() {
        Poll.until(
                "every delivery processed",
                WAIT,
                () -> world.unprocessedDeliveries() == 0 ? Optional.of(true) : Optional.empty());
    }

    private void awaitDiagnosed(Incident incident) {
        try {
            Poll.until(
                    "the diagnosis of " + incident.id() + " finished",
                    WAIT,
                    () -> world.records(q -> q.timeline(incident.id())).stream()
                            .filter(e -> e.kind() == TimelineKind.STATE
                                    && e.summary().contains("diagnosis finished"))
                            .findFirst());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + replicas.logs(), e);
        }
    }

    private String incidentThread(Incident incident) {
        return Poll.until("the thread of " + incident.id(), WAIT, () -> world.records(q -> q.incident(incident.id()))
                        .flatMap(Incident::thread))
                .ts();
    }

    /**
     * The proposal's message once the store records it too: a click on a replica other than the one that posted it is
     * checked against the stored message (the poster's own gateway covers the moment before).
     */
    private PostedMessage awaitProposal(Incident incident) {
        String parent = incidentThread(incident);
        PostedMessage proposal =
                Poll.until("the restart proposed in the thread", WAIT, () -> world.replies(parent).stream()
                        .filter(m -> m.buttonActionIds().contains("approve"))
                        .findFirst());
        Poll.until("the proposal's message recorded", WAIT, () -> world.records(q -> q.runs(incident.id())).stream()
                .filter(r ->
                        r.message().map(at -> at.ts().equals(proposal.ts())).orElse(false))
                .findFirst());
        return proposal;
    }

    /** Waits until no incident is still opening or diagnosing (the earlier cases' diagnoses are done). */
    private void awaitNoDiagnosisUnderWay() {
        Poll.until(
                "no diagnosis under way",
                WAIT,
                () -> world.records(q -> q.incidents(true, 10_000)).stream()
                                .noneMatch(
                                        i -> i.state() == IncidentState.OPEN || i.state() == IncidentState.DIAGNOSING)
                        ? Optional.of(true)
                        : Optional.empty());
    }

    private RemediationRun awaitRun(Incident incident, java.util.function.Predicate<RemediationRun> state) {
        try {
            return Poll.until(
                    "the run of " + incident.id(), WAIT, () -> world.records(q -> q.runs(incident.id())).stream()
                            .filter(state)
                            .findFirst());
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + ": " + world.records(q -> q.runs(incident.id())) + "\n" + replicas.logs(), e);
        }
    }
}

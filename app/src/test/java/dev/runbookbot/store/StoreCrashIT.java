package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.RecoveryReport;
import dev.runbookbot.incident.intake.InboundDelivery;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety against an application crash, in the manner of SQLite's own crash tests (test/crash*.test in the SQLite tree): a child JVM writes to the store
 * and prints every write after it committed; at a seeded point it is killed with SIGKILL. Reopening the file must
 * find it intact, every acknowledged write present, pending approvals still pending, and the run that was running
 * reported as interrupted by recovery. This proves durability against a process crash (which SQLite guarantees for
 * every {@code synchronous} setting); power loss is out of scope here.
 */
class StoreCrashIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    record Acknowledged(
            Set<Long> events, Set<String> deliveries, Set<Long> incidents, Set<Long> pending, Set<Long> running) {}

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20240501L, 7L, 982451653L})
    void everyAcknowledgedWriteSurvivesSigkill(long seed) throws Exception {
        int killAfter = 50 + new Random(seed).nextInt(400);
        System.out.println("StoreCrashIT seed " + seed + ": SIGKILL after " + killAfter + " acknowledged writes");
        Path file = directory.resolve("crash-" + seed + ".db");
        Path stderr = directory.resolve("child-" + seed + ".err");

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriterMain.class.getName(),
                        file.toString(),
                        Long.toString(seed))
                .redirectError(stderr.toFile())
                .start();
        Acknowledged acked;
        try {
            acked = readAcknowledgements(child, killAfter, stderr);
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(!child.isAlive(), "the child is dead");
        assertTrue(!acked.events().isEmpty() && acked.running().size() == 1, "the child wrote before it was killed");
        System.out.println("StoreCrashIT seed " + seed + ": " + acked.events().size() + " events, "
                + acked.deliveries().size() + " deliveries, "
                + acked.incidents().size() + " incidents, "
                + acked.pending().size() + " pending approvals acknowledged");

        try (SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(file), Clock.systemUTC())) {
            assertEquals("ok", database.integrityCheck());
            JdbiIncidentStore store = new JdbiIncidentStore(database, Clock.systemUTC());

            Set<Long> storedEvents = new HashSet<>();
            for (long incident : acked.incidents()) {
                store.timeline(new IncidentId(incident)).stream()
                        .map(TimelineEvent::id)
                        .forEach(storedEvents::add);
            }
            Set<Long> missingEvents = new HashSet<>(acked.events());
            missingEvents.removeAll(storedEvents);
            assertEquals(Set.of(), missingEvents, "acknowledged events missing after SIGKILL (seed " + seed + ")");

            Set<String> storedDeliveries = store.unprocessedDeliveries(Integer.MAX_VALUE).stream()
                    .map(InboundDelivery::key)
                    .collect(Collectors.toSet());
            assertTrue(storedDeliveries.containsAll(acked.deliveries()), "acknowledged deliveries missing");

            for (long incident : acked.incidents()) {
                assertTrue(store.incident(new IncidentId(incident)).isPresent(), "INC-" + incident + " missing");
            }
            List<Integer> openPerKey = database.read(
                    h -> h.createQuery("SELECT count(*) FROM incident WHERE state <> 'RESOLVED' GROUP BY dedup_key")
                            .mapTo(Integer.class)
                            .list());
            assertTrue(openPerKey.stream().allMatch(n -> n == 1), "one open incident per dedup key");
            int approvedWithoutApprover =
                    database.read(h -> h.createQuery("""
                            SELECT count(*) FROM remediation_run r
                             WHERE r.state IN ('APPROVED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED')
                               AND r.required_approvals > (SELECT count(*) FROM run_approval a WHERE a.run_id = r.id)
                            """).mapTo(Integer.class).one());
            assertEquals(0, approvedWithoutApprover, "no run past approval without its approvals");

            for (long pending : acked.pending()) {
                assertEquals(
                        RunState.PROPOSED,
                        store.run(new RunId(pending)).orElseThrow().state());
            }
            RecoveryReport report = store.recover();
            assertEquals(
                    acked.running(),
                    report.interrupted().stream().map(r -> r.id().value()).collect(Collectors.toSet()),
                    "the run that was running is reported interrupted");
            Set<Long> stillApprovable = report.awaitingApproval().stream()
                    .map(RemediationRun::id)
                    .map(RunId::value)
                    .collect(Collectors.toSet());
            assertTrue(stillApprovable.containsAll(acked.pending()), "pending approvals stay approvable");
            for (long running : acked.running()) {
                assertEquals(
                        RunState.INTERRUPTED,
                        store.run(new RunId(running)).orElseThrow().state());
            }
            assertEquals("ok", database.integrityCheck());
        }
    }

    /** Reads the child's acknowledgements until {@code count} arrived, with a deadline; never sleeps. */
    private static Acknowledged readAcknowledgements(Process child, int count, Path stderr) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the child was killed mid-line: what was read is what was acknowledged
                    } finally {
                        lines.add("EOF");
                    }
                },
                "crash-child-stdout");
        reader.setDaemon(true);
        reader.start();

        Acknowledged acked =
                new Acknowledged(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        Instant deadline = Instant.now().plus(DEADLINE);
        int seen = 0;
        List<String> unexpected = new ArrayList<>();
        while (seen < count) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            String line = left > 0 ? lines.poll(left, TimeUnit.MILLISECONDS) : null;
            if (line == null || line.equals("EOF")) {
                throw new AssertionError("the child stopped or stalled after " + seen + " acknowledgements; stderr:\n"
                        + Files.readString(stderr));
            }
            String[] parts = line.split(" ", 2);
            switch (parts[0]) {
                case "EVENT" -> acked.events().add(Long.parseLong(parts[1]));
                case "DELIVERY" -> acked.deliveries().add(parts[1]);
                case "INCIDENT" -> acked.incidents().add(Long.parseLong(parts[1]));
                case "PENDING" -> acked.pending().add(Long.parseLong(parts[1]));
                case "RUNNING" -> acked.running().add(Long.parseLong(parts[1]));
                default -> unexpected.add(line);
            }
            seen++;
        }
        assertEquals(List.of(), unexpected, "unexpected output from the child");
        return acked;
    }
}

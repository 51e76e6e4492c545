package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.Severity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The child process of {@link StoreCrashIT}: writes to the store in an endless seeded loop and prints one line per
 * write <em>after</em> the store call returned (so after COMMIT): {@code EVENT <id>}, {@code DELIVERY <key>}, {@code
 * INCIDENT <id>}, {@code PENDING <run id>}, {@code RUNNING <run id>}. The parent kills it with SIGKILL at a seeded
 * point and checks that everything printed is in the file.
 *
 * <p>Usage: {@code CrashWriterMain <database file> <seed>}
 */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = System.out;
        SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(file), Clock.systemUTC());
        IncidentStore store = new JdbiIncidentStore(database, Clock.systemUTC());

        IncidentId first =
                store.open(incident("crash-running", "payments")).value().id();
        out.println("INCIDENT " + first.value());
        RemediationRun running = store.propose(run(first, "restart-api", 0)).value();
        store.start(running.id(), "U0CRASH", "crash-worker", Duration.ofHours(1))
                .appliedValue()
                .orElseThrow();
        out.println("RUNNING " + running.id().value());
        out.flush();

        List<IncidentId> incidents = new ArrayList<>(List.of(first));
        for (long n = 0; ; n++) {
            int choice = random.nextInt(100);
            IncidentId target = incidents.get(random.nextInt(incidents.size()));
            if (choice < 60) {
                TimelineEvent event = store.append(NewTimelineEvent.of(
                        target,
                        Clock.systemUTC().instant(),
                        TimelineKind.DIAGNOSTIC,
                        "runbook-bot",
                        "reading " + n,
                        "{\"n\":" + n + "}"));
                out.println("EVENT " + event.id());
            } else if (choice < 75) {
                List<NewTimelineEvent> batch = new ArrayList<>();
                for (int i = 0; i < 2 + random.nextInt(4); i++) {
                    batch.add(NewTimelineEvent.of(
                            target,
                            Clock.systemUTC().instant(),
                            TimelineKind.NOTE,
                            "U0CRASH",
                            "batch " + n + "." + i,
                            ""));
                }
                for (TimelineEvent event : store.appendAll(batch)) {
                    out.println("EVENT " + event.id());
                }
            } else if (choice < 85) {
                String key = "delivery-" + n;
                store.recordDelivery(key, "crash-test", "{\"n\":" + n + "}");
                out.println("DELIVERY " + key);
            } else if (choice < 93) {
                IncidentId opened = store.open(incident("crash-" + n, "service-" + n))
                        .value()
                        .id();
                incidents.add(opened);
                out.println("INCIDENT " + opened.value());
            } else {
                RemediationRun pending =
                        store.propose(run(target, "flush-cache-" + n, 1)).value();
                out.println("PENDING " + pending.id().value());
            }
            out.flush();
        }
    }

    private static NewIncident incident(String fingerprint, String service) {
        return new NewIncident(
                "crash test " + fingerprint,
                "payments-slow",
                "v1",
                service,
                Severity.P2,
                "test",
                IncidentSource.ALERTMANAGER,
                Optional.of(fingerprint),
                Optional.empty(),
                "alertmanager",
                Optional.empty(),
                Optional.of(Duration.ofHours(1)));
    }

    private static NewRun run(IncidentId incident, String remediation, int approvals) {
        return new NewRun(
                incident,
                remediation,
                1,
                "flush_cache",
                "FLUSHDB",
                "U0CRASH",
                "crash test",
                approvals,
                Optional.of(Duration.ofHours(1)));
    }
}

package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.store.SynchronousMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sustained timeline appends through the real {@link JdbiIncidentStore} on a WAL file, one
 * writer thread appending while four reader threads read timelines and incident lists, with {@code synchronous=FULL}
 * and then {@code NORMAL}. Prints appends per second, p50/p99/max append latency and the FULL/NORMAL ratios. It is a
 * benchmark, not a test: it asserts only that it ran (events stored, reads done), never a timing. Run with {@code mvn
 * -B -Pbench verify}; {@code -Dbench.seconds=N} sets the measured time per mode (default 5), {@code -Dbench.readers=N}
 * the reader threads (default 4; 0 gives the writer-only baseline). On a loaded machine the tail is CPU scheduling,
 * not SQLite: compare runs taken at the same load.
 */
class EventAppendBench {
    private static final int INCIDENTS = 10;
    private static final int READERS = Integer.getInteger("bench.readers", 4);
    private static final int WARM_UP = 300;

    @TempDir
    Path directory;

    record Result(SynchronousMode mode, int appends, double seconds, long reads, double[] latenciesMs) {
        double perSecond() {
            return appends / seconds;
        }

        double percentile(double q) {
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        double max() {
            return Arrays.stream(latenciesMs).max().orElse(0);
        }
    }

    @Test
    void appendsWithFullAndNormalSynchronous() throws Exception {
        Duration measured = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
        Result full = run(SynchronousMode.FULL, measured);
        Result normal = run(SynchronousMode.NORMAL, measured);
        System.out.printf(
                Locale.ROOT,
                "EventAppendBench ratio FULL/NORMAL: p50 %.1fx, p99 %.1fx, throughput %.2fx%n",
                full.percentile(0.50) / normal.percentile(0.50),
                full.percentile(0.99) / normal.percentile(0.99),
                full.perSecond() / normal.perSecond());
    }

    private Result run(SynchronousMode mode, Duration measured) throws Exception {
        Path file = directory.resolve("bench-" + mode + ".db");
        try (SqliteDatabase database =
                SqliteDatabase.open(StoreOptions.at(file).withSynchronous(mode), Clock.systemUTC())) {
            JdbiIncidentStore store = new JdbiIncidentStore(database, Clock.systemUTC());
            List<Incident> incidents = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                incidents.add(store.open(incident(i)).value());
            }
            for (int i = 0; i < WARM_UP; i++) {
                store.append(event(incidents.get(i % INCIDENTS), i));
            }

            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, READERS));
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int offset = r;
                readers.add(pool.submit(() -> {
                    long reads = 0;
                    while (!stop.get()) {
                        Incident incident = incidents.get((int) ((reads + offset) % INCIDENTS));
                        store.timeline(incident.id());
                        store.incidents(true, 50);
                        reads += 2;
                    }
                    return reads;
                }));
            }

            double[] latencies = new double[1 << 16];
            int appends = 0;
            long start = System.nanoTime();
            long end = start + measured.toNanos();
            long now = start;
            while (now < end) {
                if (appends == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencies.length * 2);
                }
                long before = System.nanoTime();
                store.append(event(incidents.get(appends % INCIDENTS), appends));
                now = System.nanoTime();
                latencies[appends++] = (now - before) / 1e6;
            }
            double seconds = (now - start) / 1e9;
            stop.set(true);
            long reads = 0;
            for (Future<Long> reader : readers) {
                reads += reader.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            Result result = new Result(mode, appends, seconds, reads, Arrays.copyOf(latencies, appends));
            System.out.printf(
                    Locale.ROOT,
                    "EventAppendBench synchronous=%s, 1 writer + %d readers: %d appends in %.1f s = %.0f appends/s;"
                            + " append latency p50=%.3f ms p99=%.3f ms max=%.3f ms; %d reads alongside%n",
                    mode,
                    READERS,
                    appends,
                    seconds,
                    result.perSecond(),
                    result.percentile(0.50),
                    result.percentile(0.99),
                    result.max(),
                    reads);

            long stored = 0;
            for (Incident incident : incidents) {
                stored += store.timeline(incident.id()).size();
            }
            assertEquals(
                    INCIDENTS + WARM_UP + appends, stored, "every append was stored (plus one opening event each)");
            assertTrue(READERS == 0 || reads > 0, "the readers ran alongside the writer");
            return result;
        }
    }

    private static NewIncident incident(int i) {
        return new NewIncident(
                "bench incident " + i,
                "payments-slow",
                "v1",
                "service-" + i,
                Severity.P3,
                "bench",
                IncidentSource.CLI,
                Optional.of("bench-" + i),
                Optional.empty(),
                "bench",
                Optional.empty(),
                Optional.empty());
    }

    private static NewTimelineEvent event(Incident incident, int n) {
        return NewTimelineEvent.of(
                incident.id(),
                Clock.systemUTC().instant(),
                TimelineKind.DIAGNOSTIC,
                "runbook-bot",
                "error-rate: warning (" + n + ")",
                "{\"value\":" + n + ",\"threshold\":5}");
    }
}

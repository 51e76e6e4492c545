package dev.runbookbot.incident.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.diagnose.prometheus.PrometheusMetricSource;
import dev.runbookbot.diagnose.prometheus.PrometheusSettings;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.intake.AlertRouting;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A threshold trigger against a real Prometheus scraping a queue depth the test controls: the depth crosses the
 * threshold and an incident opens; it falls back and, after two clear evaluations, the incident resolves.
 */
class ThresholdWatcherIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final AtomicLong depth = new AtomicLong(10);
    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final IncidentTestBed bed = new IncidentTestBed(store, clock, ThresholdWatcherTest.QUEUE);
    private MockWebServer target;
    private PrometheusServer prometheus;

    @AfterEach
    void stop() throws IOException {
        bed.close();
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.shutdown();
        }
    }

    @Test
    void aCrossingOpensAnIncidentAndTheRecoveryResolvesIt() throws IOException {
        target = new MockWebServer();
        target.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse()
                        .setHeader("Content-Type", "text/plain; version=0.0.4")
                        .setBody("# TYPE queue_depth gauge\nqueue_depth{queue=\"orders\",env=\"staging\"} "
                                + depth.get() + "\n");
            }
        });
        target.start(InetAddress.getLoopbackAddress(), 0);
        prometheus = PrometheusServer.start(List.of("127.0.0.1:" + target.getPort()));
        prometheus.awaitNonEmpty("queue_depth < 1000", WAIT);
        ThresholdWatcher watcher = new ThresholdWatcher(
                bed.catalog(),
                new PrometheusMetricSource(
                        new OkHttpClient(), PrometheusSettings.of(prometheus.baseUrl()), SecretResolver.none()),
                bed.service(),
                store,
                AlertRouting.defaults(),
                new ThresholdSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 2),
                incident -> {},
                clock);
        assertEquals(List.of("threshold:queue-backlog:1: within the threshold"), watcher.evaluateAll());

        depth.set(4200);
        prometheus.awaitNonEmpty("queue_depth > 1000", WAIT);
        assertEquals(List.of("threshold:queue-backlog:1: crossed (4200 > 1000); opened INC-1"), watcher.evaluateAll());
        Incident incident = store.incident(new IncidentId(1)).orElseThrow();
        assertEquals("staging", incident.environment());
        assertEquals(Optional.of("threshold:queue-backlog:1"), incident.dedupKey());

        depth.set(5);
        prometheus.awaitNonEmpty("queue_depth < 1000", WAIT);
        watcher.evaluateAll();
        assertEquals(List.of("threshold:queue-backlog:1: resolved INC-1"), watcher.evaluateAll());
        assertEquals(
                IncidentState.RESOLVED,
                store.incident(new IncidentId(1)).orElseThrow().state());
    }
}

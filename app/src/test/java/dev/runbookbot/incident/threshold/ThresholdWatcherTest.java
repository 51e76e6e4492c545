package dev.runbookbot.incident.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.diagnose.MetricReading;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.intake.AlertRouting;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Threshold triggers over a scripted metric source: a crossing opens one incident, a recovery resolves it after the
 * configured clear evaluations, no data changes nothing, and a new crossing opens a new, linked incident.
 */
class ThresholdWatcherTest {
    static final String QUEUE = """
            id: queue-backlog
            name: Queue backlog
            description: messages pile up in a queue
            severity: P2
            service: orders
            parameters:
              - name: queue
                fromLabel: queue
                required: true
            triggers:
              - type: manual
              - type: metric_threshold
                metricQuery: "sum by (queue, env) (queue_depth)"
                threshold: 1000
                operator: ">"
            diagnostics:
              - id: latency
                name: Latency
                description: p99 latency in ms
                type: shell_command
                config: {argv: [echo, "95"]}
                interpret:
                  critical: "value >= 90.0"
                  healthy: "value < 90.0"
            decisionTree: []
            remediations: []
            escalation: {primary: "#inc-orders", escalateAfterMinutes: 15}
            """;
    private static final String KEY = "threshold:queue-backlog:1";

    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final IncidentTestBed bed = new IncidentTestBed(store, clock, QUEUE);
    private final List<MetricReading> readings = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
    private final List<Incident> opened = new ArrayList<>();
    private final ThresholdWatcher watcher = new ThresholdWatcher(
            bed.catalog(),
            (query, timeout) -> {
                queries.add(query + " within " + timeout.toSeconds() + "s");
                return readings.remove(0);
            },
            bed.service(),
            store,
            AlertRouting.defaults(),
            new ThresholdSettings(Duration.ofSeconds(30), Duration.ofSeconds(5), 2),
            opened::add,
            clock);

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aCrossingOpensOneIncidentWithTheMostExtremeSeriesAsItsLabels() {
        readings.add(samples(
                sample(900, "queue", "billing", "env", "prod"), sample(4200, "queue", "orders", "env", "staging")));

        List<String> outcomes = watcher.evaluateAll();

        assertEquals(List.of(KEY + ": crossed (4200 > 1000); opened INC-1"), outcomes);
        assertEquals(List.of("sum by (queue, env) (queue_depth) within 5s"), queries);
        Incident incident = store.incident(new IncidentId(1)).orElseThrow();
        assertEquals(Optional.of(KEY), incident.dedupKey());
        assertEquals(IncidentSource.METRIC_THRESHOLD, incident.source());
        assertEquals("Queue backlog: 4200 > 1000", incident.title());
        assertEquals("staging", incident.environment());
        assertEquals(List.of(incident.id()), opened.stream().map(Incident::id).toList());
        assertEquals(
                Map.of("queue", "orders"),
                bed.inputs().load(incident.id()).orElseThrow().params());
        assertEquals(
                "sum by (queue, env) (queue_depth) is 4200 > 1000",
                bed.inputs().load(incident.id()).orElseThrow().annotations().get("summary"));
        assertTrue(
                bed.chat().calls().contains("openThread #inc-orders INC-1"),
                bed.chat().calls().toString());
    }

    @Test
    void whileStillCrossedNothingMoreOpens() {
        readings.add(samples(sample(4200, "queue", "orders")));
        readings.add(samples(sample(5000, "queue", "orders")));

        watcher.evaluateAll();
        List<String> outcomes = watcher.evaluateAll();

        assertEquals(List.of(KEY + ": still crossed; INC-1 is open"), outcomes);
        assertEquals(1, store.incidents(false, 10).size());
    }

    @Test
    void theIncidentResolvesAfterTwoClearEvaluationsInARowAndANewCrossingOpensALinkedOne() {
        readings.add(samples(sample(4200, "queue", "orders")));
        readings.add(samples(sample(10, "queue", "orders")));
        readings.add(samples(sample(4100, "queue", "orders")));
        readings.add(samples(sample(10, "queue", "orders")));
        readings.add(samples(sample(12, "queue", "orders")));
        readings.add(samples(sample(3000, "queue", "orders")));

        watcher.evaluateAll();
        assertEquals(List.of(KEY + ": within the threshold 1/2 times; INC-1 stays open"), watcher.evaluateAll());
        assertEquals(List.of(KEY + ": still crossed; INC-1 is open"), watcher.evaluateAll(), "the count starts over");
        watcher.evaluateAll();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of(KEY + ": resolved INC-1"), watcher.evaluateAll());

        assertEquals(
                IncidentState.RESOLVED,
                store.incident(new IncidentId(1)).orElseThrow().state());
        assertTrue(
                bed.chat()
                        .calls()
                        .contains("note INC-1 Resolved by the threshold watcher at 2026-11-23T03:02:00Z: sum by (queue,"
                                + " env) (queue_depth) is 12, back within the threshold (> 1000 fired it) for 2"
                                + " evaluations in a row."),
                bed.chat().calls().toString());

        assertEquals(List.of(KEY + ": crossed (3000 > 1000); opened INC-2"), watcher.evaluateAll());
        assertEquals(
                Optional.of(new IncidentId(1)),
                store.incident(new IncidentId(2)).orElseThrow().previousIncident());
    }

    @Test
    void noDataAndAFailingQueryChangeNothing() {
        readings.add(samples(sample(4200, "queue", "orders")));
        readings.add(samples());
        readings.add(new MetricReading.Unavailable("prometheus at http://127.0.0.1:9 connection refused"));
        readings.add(samples(sample(Double.NaN, "queue", "orders")));

        watcher.evaluateAll();
        assertEquals(List.of(KEY + ": no data; nothing changes"), watcher.evaluateAll());
        assertEquals(
                List.of(KEY + ": no reading (prometheus at http://127.0.0.1:9 connection refused); nothing changes"),
                watcher.evaluateAll());
        assertEquals(List.of(KEY + ": no data; nothing changes"), watcher.evaluateAll());

        assertTrue(store.incident(new IncidentId(1)).orElseThrow().isOpen());
    }

    @Test
    void belowThresholdTriggersCompareTheOtherWay() {
        IncidentTestBed below = new IncidentTestBed(
                new InMemoryIncidentStore(clock),
                clock,
                QUEUE.replace("operator: \">\"", "operator: \"<=\"").replace("threshold: 1000", "threshold: 1"));
        try {
            List<MetricReading> script =
                    new ArrayList<>(List.of(samples(sample(3, "queue", "a"), sample(0, "queue", "b"))));
            ThresholdWatcher watching = new ThresholdWatcher(
                    below.catalog(),
                    (query, timeout) -> script.remove(0),
                    below.service(),
                    below.store(),
                    AlertRouting.defaults(),
                    ThresholdSettings.defaults(),
                    incident -> {},
                    clock);

            assertEquals(List.of(KEY + ": crossed (0 <= 1); opened INC-1"), watching.evaluateAll());
            assertEquals(
                    Map.of("queue", "b"),
                    below.inputs().load(new IncidentId(1)).orElseThrow().params());
        } finally {
            below.close();
        }
    }

    @Test
    void placeholdersInTheQueryAreFilledFromParameterDefaultsAndLabelsCannotBe() {
        String templated = QUEUE.replace("required: true", "default: 'or\"ders'")
                .replace(
                        "metricQuery: \"sum by (queue, env) (queue_depth)\"",
                        "metricQuery: 'queue_depth{queue=\"{{ params.queue }}\"}'");
        IncidentTestBed filled = new IncidentTestBed(new InMemoryIncidentStore(clock), clock, templated);
        IncidentTestBed unfilled = new IncidentTestBed(
                new InMemoryIncidentStore(clock),
                clock,
                QUEUE.replace("required: true", "default: orders")
                        .replace(
                                "metricQuery: \"sum by (queue, env) (queue_depth)\"",
                                "metricQuery: 'queue_depth{queue=\"{{ labels.queue }}\"}'"));
        try {
            List<String> sent = new ArrayList<>();
            watcher(filled, sent).evaluateAll();
            assertEquals(List.of("queue_depth{queue=\"or\\\"ders\"}"), sent, "escalated for PromQL");

            List<String> none = new ArrayList<>();
            List<String> outcomes = watcher(unfilled, none).evaluateAll();
            assertEquals(List.of(), none);
            assertTrue(
                    outcomes.get(0).startsWith(KEY + ": skipped: its metricQuery cannot be rendered without an alert")
                            && outcomes.get(0).contains("labels.queue"),
                    outcomes.toString());
        } finally {
            filled.close();
            unfilled.close();
        }
    }

    private ThresholdWatcher watcher(IncidentTestBed on, List<String> sent) {
        return new ThresholdWatcher(
                on.catalog(),
                (query, timeout) -> {
                    sent.add(query);
                    return new MetricReading.Samples(List.of());
                },
                on.service(),
                on.store(),
                AlertRouting.defaults(),
                ThresholdSettings.defaults(),
                incident -> {},
                clock);
    }

    @Test
    void aCatalogWithoutThresholdTriggersHasNothingToWatch() {
        IncidentTestBed none = new IncidentTestBed(new InMemoryIncidentStore(clock), clock);
        try {
            ThresholdWatcher idle = new ThresholdWatcher(
                    none.catalog(),
                    (query, timeout) -> {
                        throw new AssertionError("nothing to query");
                    },
                    none.service(),
                    none.store(),
                    AlertRouting.defaults(),
                    ThresholdSettings.defaults(),
                    incident -> {},
                    clock);
            assertFalse(idle.hasTriggers());
            assertEquals(List.of(), idle.evaluateAll());
            assertTrue(watcher.hasTriggers());
        } finally {
            none.close();
        }
    }

    private static MetricReading samples(MetricReading.Sample... samples) {
        return new MetricReading.Samples(List.of(samples));
    }

    private static MetricReading.Sample sample(double value, String... labels) {
        Map<String, String> map = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new MetricReading.Sample(map, value);
    }
}

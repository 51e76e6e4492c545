package dev.runbookbot.incident.threshold;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.diagnose.MetricReading;
import dev.runbookbot.diagnose.MetricSource;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.RunRequest;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.incident.intake.AlertRouting;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the runbooks' {@code metric_threshold} triggers: each trigger's {@code metricQuery} (its placeholders
 * filled from the runbook's parameter defaults) is read through the {@link MetricSource} and every finite sample compared with {@code threshold} by {@code operator} ({@code >}, {@code
 * >=}, {@code <}, {@code <=}, {@code ==}, {@code !=}).
 *
 * <ul>
 *   <li><b>Crossed</b> (any sample on the wrong side): opens an incident through the {@link IncidentService} with the
 *       dedup key {@code threshold:<runbook id>:<trigger index>}, the most extreme crossing sample's labels as the
 *       run's labels (so {@code fromLabel} parameters and {@code {{ labels.x }}} work as for alerts) and the reading as
 *       annotations ({@code summary}, {@code query}, {@code value}, {@code threshold}). While that incident is open
 *       nothing more opens (the same dedup rule as alerts); a crossing after it resolved opens a new, linked one.
 *   <li><b>Back on the right side</b>: the open incident resolves after {@link ThresholdSettings#clearEvaluations()}
 *       clear evaluations in a row, with a line in its thread, as an alert's resolution would. The count of clear
 *       evaluations is kept in memory; after a restart it starts again from zero, which only delays a resolution.
 *   <li><b>No data</b> (an empty result, only NaN, or a failing query) changes nothing: it is neither a crossing nor a
 *       recovery, and is logged.
 * </ul>
 *
 * {@link #evaluateAll()} is called on the threshold timer's thread every {@link ThresholdSettings#interval()}.
 * Thread-safe.
 */
public final class ThresholdWatcher {
    static final String ACTOR = "threshold-watcher";
    private static final Logger log = LoggerFactory.getLogger(ThresholdWatcher.class);

    private final Catalog catalog;
    private final MetricSource metrics;
    private final IncidentService incidents;
    private final IncidentQueries queries;
    private final AlertRouting routing;
    private final ThresholdSettings settings;
    private final Consumer<Incident> opened;
    private final Clock clock;
    private final Map<String, Integer> clearInARow = new ConcurrentHashMap<>();

    public ThresholdWatcher(
            Catalog catalog,
            MetricSource metrics,
            IncidentService incidents,
            IncidentQueries queries,
            AlertRouting routing,
            ThresholdSettings settings,
            Consumer<Incident> opened,
            Clock clock) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.incidents = incidents;
        this.queries = queries;
        this.routing = routing;
        this.settings = settings;
        this.opened = opened;
        this.clock = clock;
    }

    /** The dedup key of a runbook's threshold trigger. */
    public static String dedupKey(RunbookSpec runbook, int triggerIndex) {
        return "threshold:" + runbook.id() + ":" + triggerIndex;
    }

    /** Whether any runbook has a {@code metric_threshold} trigger (nothing to schedule otherwise). */
    public boolean hasTriggers() {
        return catalog.all().stream()
                .flatMap(r -> r.triggers().stream())
                .anyMatch(t -> t.type() == TriggerType.METRIC_THRESHOLD);
    }

    /** Evaluates every threshold trigger once; returns one line per trigger saying what it found and did. */
    public List<String> evaluateAll() {
        List<String> outcomes = new ArrayList<>();
        for (RunbookSpec runbook : catalog.all()) {
            for (int i = 0; i < runbook.triggers().size(); i++) {
                TriggerSpec trigger = runbook.triggers().get(i);
                if (trigger.type() != TriggerType.METRIC_THRESHOLD) {
                    continue;
                }
                String key = dedupKey(runbook, i);
                try {
                    outcomes.add(key + ": " + evaluate(runbook, trigger, key));
                } catch (RuntimeException e) {
                    log.error("evaluating {} failed; it is evaluated again at the next interval", key, e);
                    outcomes.add(key + ": failed (" + e.getClass().getSimpleName() + ")");
                }
            }
        }
        return outcomes;
    }

    private String evaluate(RunbookSpec runbook, TriggerSpec trigger, String key) {
        Optional<String> written = trigger.metricQuery().filter(q -> !q.isBlank());
        Optional<Double> threshold = trigger.threshold();
        Optional<Comparison> comparison = Comparison.of(trigger.operator());
        if (written.isEmpty() || threshold.isEmpty() || comparison.isEmpty()) {
            return "skipped: the trigger needs metricQuery, threshold and one of > >= < <= == != (lint says so)";
        }
        Optional<String> query;
        try {
            query = Optional.of(rendered(runbook, written.get()));
        } catch (TemplateException | ParameterException e) {
            log.warn("threshold {}: its metricQuery cannot be rendered: {}", key, e.getMessage());
            return "skipped: its metricQuery cannot be rendered without an alert (" + e.getMessage() + ")";
        }
        MetricReading reading = metrics.read(query.get(), settings.queryTimeout());
        if (reading instanceof MetricReading.Unavailable unavailable) {
            log.warn("threshold {}: {}", key, unavailable.reason());
            return "no reading (" + unavailable.reason() + "); nothing changes";
        }
        List<MetricReading.Sample> finite = ((MetricReading.Samples) reading)
                .samples().stream().filter(s -> Double.isFinite(s.value())).toList();
        if (finite.isEmpty()) {
            return "no data; nothing changes";
        }
        Comparison op = comparison.get();
        double limit = threshold.get();
        List<MetricReading.Sample> crossing =
                finite.stream().filter(s -> op.holds(s.value(), limit)).toList();
        Optional<Incident> open = queries.openIncidentByDedupKey(key)
                .filter(incident -> incident.source() == IncidentSource.METRIC_THRESHOLD);
        if (!crossing.isEmpty()) {
            clearInARow.remove(key);
            if (open.isPresent()) {
                return "still crossed; " + open.get().id() + " is open";
            }
            return open(runbook, query.get(), op, limit, extreme(crossing, op), key);
        }
        if (open.isEmpty()) {
            clearInARow.remove(key);
            return "within the threshold";
        }
        int clear = clearInARow.merge(key, 1, Integer::sum);
        if (clear < settings.clearEvaluations()) {
            return "within the threshold " + clear + "/" + settings.clearEvaluations() + " times; "
                    + open.get().id() + " stays open";
        }
        clearInARow.remove(key);
        double value = extreme(finite, op).value();
        String sentence = "Resolved by the threshold watcher at " + clock.instant() + ": " + query.get() + " is "
                + number(value) + ", back within the threshold (" + op.symbol + " " + number(limit) + " fired it) for "
                + clear + " evaluations in a row.";
        return incidents
                .resolveFromAlert(key, IncidentSource.METRIC_THRESHOLD, clock.instant(), sentence)
                .map(incident -> "resolved " + incident.id())
                .orElse("within the threshold; the incident was already resolved");
    }

    private String open(
            RunbookSpec runbook, String query, Comparison op, double limit, MetricReading.Sample sample, String key) {
        String reading = number(sample.value()) + " " + op.symbol + " " + number(limit);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", query + " is " + reading);
        annotations.put("query", query);
        annotations.put("value", number(sample.value()));
        annotations.put("threshold", op.symbol + " " + number(limit));
        StartResult result =
                incidents.start(RunRequest.of(runbook.id(), Actor.system(ACTOR), IncidentSource.METRIC_THRESHOLD)
                        .labels(sample.labels())
                        .annotations(annotations)
                        .dedupKey(key)
                        .environment(Optional.ofNullable(sample.labels().get(routing.environmentLabel()))
                                .filter(env -> !env.isBlank()))
                        .title(Optional.of(runbook.name() + ": " + reading))
                        .build());
        if (result instanceof StartResult.Refused refused) {
            log.warn("threshold {} crossed but runbook {} cannot start: {}", key, runbook.id(), refused.problems());
            return "crossed (" + reading + ") but the runbook cannot start: " + String.join("; ", refused.problems());
        }
        StartResult.Started started = (StartResult.Started) result;
        if (!started.duplicate()) {
            opened.accept(started.incident());
        }
        return "crossed (" + reading + "); opened " + started.incident().id();
    }

    /**
     * The query with its placeholders filled from the runbook's parameter defaults, escaped for PromQL. There is no
     * alert behind a threshold, so {@code labels.x} and parameters without a default cannot be filled.
     */
    private static String rendered(RunbookSpec runbook, String query) throws TemplateException, ParameterException {
        if (!Template.isTemplated(query)) {
            return query;
        }
        TemplateContext defaults = ParameterBinder.bind(runbook, Map.of(), Map.of(), Map.of());
        return Template.parse(query).render(defaults, TemplateSink.PROMQL).text();
    }

    /** The sample furthest past the threshold in the direction that fires it. */
    private static MetricReading.Sample extreme(List<MetricReading.Sample> samples, Comparison op) {
        Comparator<MetricReading.Sample> byValue = Comparator.comparingDouble(MetricReading.Sample::value);
        return switch (op) {
            case ABOVE, AT_LEAST -> samples.stream().max(byValue).orElseThrow();
            case BELOW, AT_MOST -> samples.stream().min(byValue).orElseThrow();
            case EQUAL, NOT_EQUAL -> samples.get(0);
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** The operators a {@code metric_threshold} trigger may use. */
    enum Comparison {
        ABOVE(">"),
        AT_LEAST(">="),
        BELOW("<"),
        AT_MOST("<="),
        EQUAL("=="),
        NOT_EQUAL("!=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        static Optional<Comparison> of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol.trim())) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        boolean holds(double value, double threshold) {
            return switch (this) {
                case ABOVE -> value > threshold;
                case AT_LEAST -> value >= threshold;
                case BELOW -> value < threshold;
                case AT_MOST -> value <= threshold;
                case EQUAL -> value == threshold;
                case NOT_EQUAL -> value != threshold;
            };
        }
    }
}

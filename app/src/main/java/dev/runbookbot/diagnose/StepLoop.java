package dev.runbookbot.diagnose;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.LoopSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Runs a diagnostic step with {@code forEach} once per item, at most {@code concurrency} iterations at once (a finished
 * iteration starts the next: no thread waits), and reads the iterations as one result: the worst status (critical, then
 * warning, error, unknown, healthy), a reason and evidence that count them, details worst first (the first {@value
 * #DETAILS_SHOWN}, then "N more"), and one fact, {@code iterations}: each iteration's reading ({@code item}, {@code
 * status}, {@code reason}, {@code failure} and its facts) in item order, which conditions read with CEL's {@code
 * exists} and {@code all}. An empty list is {@code skipped} (nothing was checked, which is not healthy); items beyond
 * the loop's bound are not checked and the reason says how many. Thread-safe; one instance per runner.
 */
final class StepLoop {
    /** The fact that holds the iterations' readings. */
    static final String ITERATIONS = "iterations";

    /** The key of an iteration's reading, and the variable, that hold its item. */
    static final String ITEM = "item";

    static final int DETAILS_SHOWN = 5;

    private static final List<DiagnosticStatus> WORST_FIRST = List.of(
            DiagnosticStatus.CRITICAL,
            DiagnosticStatus.WARNING,
            DiagnosticStatus.ERROR,
            DiagnosticStatus.UNKNOWN,
            DiagnosticStatus.HEALTHY,
            DiagnosticStatus.SKIPPED);

    private final Clock clock;

    StepLoop(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs the iterations of {@code step}; {@code iteration} starts one with its context (the item set) and completes
     * with its interpreted result, never exceptionally. The returned future completes with the step's one result;
     * the listener hears each iteration, not the step (the caller tells it about the step).
     */
    CompletableFuture<DiagnosticResult> run(
            DiagnosticSpec step,
            TemplateContext context,
            Function<TemplateContext, CompletableFuture<DiagnosticResult>> iteration,
            RunListener listener) {
        LoopSpec loop = step.forEach().orElseThrow();
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        LoopItems.Resolved resolved = LoopItems.resolve(loop, context);
        if (resolved.problem().isPresent()) {
            return CompletableFuture.completedFuture(notRun(
                    step,
                    DiagnosticStatus.ERROR,
                    "not run: " + resolved.problem().get(),
                    startedAt));
        }
        List<Object> all = resolved.items();
        if (all.isEmpty()) {
            return CompletableFuture.completedFuture(notRun(
                    step, DiagnosticStatus.SKIPPED, "skipped: forEach has no items, nothing to check", startedAt));
        }
        List<Object> items = all.subList(0, Math.min(all.size(), loop.bound()));
        int notChecked = all.size() - items.size();
        List<CompletableFuture<DiagnosticResult>> results = IntStream.range(0, items.size())
                .mapToObj(i -> new CompletableFuture<DiagnosticResult>())
                .toList();
        AtomicInteger next = new AtomicInteger();
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int index = next.getAndIncrement();
            if (index >= items.size()) {
                return;
            }
            Object item = items.get(index);
            CompletableFuture<DiagnosticResult> started;
            try {
                started = iteration.apply(context.withItem(item));
            } catch (RuntimeException e) {
                started = CompletableFuture.completedFuture(
                        notRun(step, DiagnosticStatus.ERROR, "the iteration could not start: " + e, clock.instant()));
            }
            started.whenComplete((result, thrown) -> {
                DiagnosticResult done = result != null
                        ? result
                        : notRun(step, DiagnosticStatus.ERROR, "the iteration failed: " + thrown, clock.instant());
                try {
                    listener.iterationFinished(step, index, item, done);
                } catch (RuntimeException e) {
                    // a listener never stops a diagnosis
                }
                results.get(index).complete(done);
                launch[0].run();
            });
        };
        int concurrency = Math.max(1, Math.min(loop.concurrency(), LoopSpec.MAX_CONCURRENCY));
        for (int i = 0; i < Math.min(concurrency, items.size()); i++) {
            launch[0].run();
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> combined(
                        step,
                        items,
                        results.stream().map(CompletableFuture::join).toList(),
                        notChecked,
                        loop,
                        startedAt,
                        Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    /** The step's one result from its iterations' results ({@code results.get(i)} is the result for item i). */
    static DiagnosticResult combined(
            DiagnosticSpec step,
            List<Object> items,
            List<DiagnosticResult> results,
            int notChecked,
            LoopSpec loop,
            Instant startedAt,
            Duration took) {
        List<Map<String, Object>> readings = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put(ITEM, items.get(i));
            reading.putAll(StepReadings.of(results.get(i)));
            readings.add(reading);
        }
        List<Integer> worstFirst = IntStream.range(0, results.size())
                .boxed()
                .sorted(Comparator.comparingInt(
                        i -> WORST_FIRST.indexOf(results.get(i).status())))
                .toList();
        DiagnosticResult worst = results.get(worstFirst.get(0));
        String counts = counts(results);
        String reason = counts;
        if (worst.status() != DiagnosticStatus.HEALTHY) {
            reason += "; worst " + LoopItems.label(items.get(worstFirst.get(0))) + ": " + worst.reason();
        }
        if (notChecked > 0) {
            reason += "; " + notChecked + " more not checked (maxItems " + loop.bound() + ")";
        }
        List<String> details = new ArrayList<>();
        for (int i : worstFirst.subList(0, Math.min(DETAILS_SHOWN, worstFirst.size()))) {
            DiagnosticResult r = results.get(i);
            String what = r.evidence().isBlank() ? r.reason() : r.evidence();
            details.add(r.status().label() + " " + LoopItems.label(items.get(i)) + ": " + what);
        }
        if (worstFirst.size() > DETAILS_SHOWN) {
            details.add((worstFirst.size() - DETAILS_SHOWN) + " more");
        }
        return new DiagnosticResult(
                step.id(),
                step.name(),
                step.type(),
                worst.status(),
                reason,
                worst.status() == DiagnosticStatus.ERROR ? worst.failure() : Optional.empty(),
                Map.of(ITERATIONS, List.copyOf(readings)),
                counts,
                details,
                startedAt,
                took);
    }

    /** "5 items: 2 critical, 3 healthy", the statuses worst first. */
    private static String counts(List<DiagnosticResult> results) {
        Map<DiagnosticStatus, Long> byStatus = results.stream()
                .collect(Collectors.groupingBy(DiagnosticResult::status, LinkedHashMap::new, Collectors.counting()));
        String each = WORST_FIRST.stream()
                .filter(byStatus::containsKey)
                .map(s -> byStatus.get(s) + " " + s.label())
                .collect(Collectors.joining(", "));
        return results.size() + (results.size() == 1 ? " item: " : " items: ") + each;
    }

    private static DiagnosticResult notRun(DiagnosticSpec step, DiagnosticStatus status, String reason, Instant at) {
        return new DiagnosticResult(
                step.id(),
                step.name(),
                step.type(),
                status,
                reason,
                status == DiagnosticStatus.ERROR ? Optional.of(FailureKind.CONFIGURATION) : Optional.empty(),
                Map.of(),
                "",
                List.of(),
                at,
                Duration.ZERO);
    }
}

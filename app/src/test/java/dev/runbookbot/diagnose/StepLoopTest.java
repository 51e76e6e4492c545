package dev.runbookbot.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code forEach} on a diagnostic step through the real {@link ParallelRunner} and CEL: one execution per item with the
 * item in templates and conditions, never more at once than the bound, the worst iteration as the step's status, the
 * iterations as a list fact that a later step's conditions read with {@code exists}, and the edge cases (an empty list
 * is skipped, items past maxItems are named as not checked, a fact that is not a list fails the step).
 */
class StepLoopTest {
    private static final SourceLocation HERE = TextStepRunner.HERE;

    private final TextStepRunner steps = new TextStepRunner();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<String> rendered = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void shutdown() {
        steps.close();
    }

    /**
     * Renders the step's {@code text} (a TEXT template) into the fact {@code text}; the fact {@code value} is the number
     * that follows the last '-' of the rendered text (so an item "pod-7" reads 7.0); {@code pods} is a fixed list.
     */
    private ParallelRunner runner() {
        return steps.runner(request -> {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                String text = Template.parse(
                                request.spec().config().string("text").orElse(""))
                        .render(request.context(), TemplateSink.TEXT)
                        .text();
                rendered.add(text);
                if (text.endsWith("broken")) {
                    return Outcome.failed(FailureKind.UNREACHABLE, "cannot reach " + text);
                }
                double value = Double.parseDouble(text.substring(text.lastIndexOf('-') + 1));
                return Outcome.observed(
                        Map.of("value", value, "text", text, "pods", List.of("web-1", "web-9", "web-3")),
                        "read " + text,
                        List.of());
            } catch (TemplateException | NumberFormatException e) {
                return Outcome.failed(FailureKind.CONFIGURATION, e.getMessage());
            } finally {
                running.decrementAndGet();
            }
        });
    }

    private static DiagnosticSpec step(
            String id, List<String> needs, Optional<LoopSpec> loop, String text, String critical) {
        return TextStepRunner.step(id, needs, Optional.empty(), loop, text, critical);
    }

    private static Optional<LoopSpec> written(int concurrency, Object... items) {
        return Optional.of(new LoopSpec(List.of(items), Optional.empty(), concurrency, Optional.empty(), HERE));
    }

    private static Optional<LoopSpec> from(String path, int maxItems) {
        return Optional.of(new LoopSpec(List.of(), Optional.of(path), 4, Optional.of(maxItems), HERE));
    }

    private static List<DiagnosticResult> run(ParallelRunner runner, List<DiagnosticSpec> steps, RunListener heard) {
        TemplateContext inputs = new TemplateContext(Map.of(), Map.of("namespace", "shop"), Map.of());
        return runner.run(steps, inputs, Duration.ofSeconds(30), heard);
    }

    @Test
    void eachItemRunsOnceWithTheItemInItsTemplateAndTheWorstIterationIsTheStepsStatus() {
        List<String> iterations = Collections.synchronizedList(new ArrayList<>());
        RunListener heard = new RunListener() {
            @Override
            public void iterationFinished(DiagnosticSpec step, int index, Object item, DiagnosticResult result) {
                iterations.add(index + " " + item + " " + result.status().label());
            }
        };

        DiagnosticResult result = run(
                        runner(),
                        List.of(step(
                                "restarts",
                                List.of(),
                                written(2, "web-1", "web-9", "web-3", "web-2", "web-8", "web-4", "web-0"),
                                "{{ labels.namespace }}/{{ item }}",
                                "value > 5.0 && item != 'web-0'")),
                        heard)
                .get(0);

        assertEquals(7, rendered.size());
        assertTrue(rendered.contains("shop/web-9"), rendered.toString());
        assertTrue(mostAtOnce.get() <= 2, "at most 2 at once, saw " + mostAtOnce.get());
        assertEquals(DiagnosticStatus.CRITICAL, result.status());
        assertEquals(
                "7 items: 2 critical, 5 healthy; worst web-9: `value > 5.0 && item != 'web-0'` held with value=9",
                result.reason());
        assertEquals("7 items: 2 critical, 5 healthy", result.evidence());
        assertEquals(
                List.of(
                        "critical web-9: read shop/web-9",
                        "critical web-8: read shop/web-8",
                        "healthy web-1: read shop/web-1",
                        "healthy web-3: read shop/web-3",
                        "healthy web-2: read shop/web-2",
                        "2 more"),
                result.details());
        List<?> readings = (List<?>) result.facts().get("iterations");
        assertEquals(7, readings.size());
        Map<?, ?> second = (Map<?, ?>) readings.get(1);
        assertEquals("web-9", second.get("item"));
        assertEquals("critical", second.get("status"));
        assertEquals(9.0, second.get("value"));
        assertEquals(7, iterations.size());
        assertTrue(iterations.contains("1 web-9 critical"), iterations.toString());
    }

    @Test
    void aLoopOverAListFactOfANeededStepAndALaterStepReadingTheIterationsWithExists() {
        List<DiagnosticResult> results = run(
                runner(),
                List.of(
                        step("find", List.of(), Optional.empty(), "pods-1", null),
                        step("per_pod", List.of("find"), from("diagnostics.find.pods", 2), "{{ item }}", "value > 5.0"),
                        step(
                                "summary",
                                List.of("per_pod"),
                                Optional.empty(),
                                "n-{{ diagnostics.per_pod.iterations[1].value }}",
                                "diagnostics.per_pod.iterations.exists(i, i.status == 'critical')"
                                        + " && !diagnostics.per_pod.iterations.all(i, i.value > 5.0)")),
                RunListener.NONE);

        DiagnosticResult perPod = results.get(1);
        assertEquals(DiagnosticStatus.CRITICAL, perPod.status(), perPod.reason());
        assertTrue(perPod.reason().endsWith("; 1 more not checked (maxItems 2)"), perPod.reason());
        assertEquals(2, ((List<?>) perPod.facts().get("iterations")).size());
        DiagnosticResult summary = results.get(2);
        assertEquals(DiagnosticStatus.CRITICAL, summary.status(), summary.reason());
        assertEquals("n-9", summary.facts().get("text"));
    }

    @Test
    void aFailedIterationIsAResultAndTheOthersStillRun() {
        DiagnosticResult result = run(
                        runner(),
                        List.of(step("probe", List.of(), written(4, "a-1", "broken", "c-2"), "{{ item }}", null)),
                        RunListener.NONE)
                .get(0);

        assertEquals(DiagnosticStatus.ERROR, result.status());
        assertEquals(Optional.of(FailureKind.UNREACHABLE), result.failure());
        assertEquals("3 items: 1 error, 2 healthy; worst broken: cannot reach broken", result.reason());
        assertEquals(3, rendered.size());
    }

    @Test
    void anEmptyListIsSkippedNotHealthyAndAFactThatIsNotAListFailsTheStep() {
        List<DiagnosticResult> results = run(
                runner(),
                List.of(
                        step("find", List.of(), Optional.empty(), "pods-1", null),
                        step("none", List.of(), written(4), "{{ item }}", null),
                        step("not_list", List.of("find"), from("diagnostics.find.value", 5), "{{ item }}", null)),
                RunListener.NONE);

        assertEquals(DiagnosticStatus.SKIPPED, results.get(1).status());
        assertEquals(
                "skipped: forEach has no items, nothing to check",
                results.get(1).reason());
        assertEquals(DiagnosticStatus.ERROR, results.get(2).status());
        assertEquals(
                "not run: forEach items diagnostics.find.value is not a list: 1",
                results.get(2).reason());
    }
}

package dev.runbookbot.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.DiagnosticSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code needs} and {@code when} through the real {@link ParallelRunner} and {@link ConditionStepInterpreter} (CEL):
 * a step reads the facts of the steps it needs in its templates and conditions, independent steps still start
 * together, a false {@code when} skips, and a step whose need has no reading is skipped unless its {@code when} says
 * otherwise.
 */
class StepNeedsTest {
    private final TextStepRunner steps = new TextStepRunner();

    @AfterEach
    void shutdown() {
        steps.close();
    }

    /**
     * Renders its config's {@code text} (a TEXT template) into the fact {@code text}, after {@code behaviour} decides
     * the other facts (or a failure).
     */
    private ParallelRunner runner(Function<DiagnosticSpec, Outcome> behaviour) {
        return steps.runner(request -> {
            Outcome outcome = behaviour.apply(request.spec());
            if (!(outcome instanceof Outcome.Observed observed)) {
                return outcome;
            }
            Optional<String> text = request.spec().config().string("text");
            if (text.isEmpty()) {
                return outcome;
            }
            try {
                String rendered = Template.parse(text.get())
                        .render(request.context(), TemplateSink.TEXT)
                        .text();
                Map<String, Object> facts = new java.util.LinkedHashMap<>(observed.facts());
                facts.put("text", rendered);
                return Outcome.observed(facts, rendered, List.of());
            } catch (TemplateException e) {
                return Outcome.failed(FailureKind.CONFIGURATION, e.getMessage());
            }
        });
    }

    private static DiagnosticSpec step(String id, List<String> needs, String when, String text, String critical) {
        return TextStepRunner.step(id, needs, Optional.ofNullable(when), Optional.empty(), text, critical);
    }

    private static List<DiagnosticResult> run(ParallelRunner runner, List<DiagnosticSpec> steps, RunListener heard) {
        TemplateContext inputs = new TemplateContext(Map.of("mode", "vm"), Map.of("namespace", "shop"), Map.of());
        return runner.run(steps, inputs, Duration.ofSeconds(30), heard);
    }

    @Test
    void aStepReadsTheFactsOfTheStepsItNeedsInItsTemplatesAndConditions() {
        ParallelRunner runner = runner(step -> step.id().equals("find_pod")
                ? Outcome.observed(Map.of("value", 3.0, "pods", List.of("web-7f9c-x2", "web-7f9c-k4")), "", List.of())
                : Outcome.observed(Map.of("value", 1.0), "", List.of()));

        List<DiagnosticResult> results = run(
                runner,
                List.of(
                        step(
                                "inspect",
                                List.of("find_pod"),
                                null,
                                "pod {{ diagnostics.find_pod.pods[1] }}",
                                "diagnostics.find_pod.value > 2.0"),
                        step("find_pod", List.of(), null, null, null)),
                RunListener.NONE);

        assertEquals(
                List.of("inspect", "find_pod"),
                results.stream().map(DiagnosticResult::stepId).toList());
        DiagnosticResult inspect = results.get(0);
        assertEquals("pod web-7f9c-k4", inspect.facts().get("text"));
        assertEquals(DiagnosticStatus.CRITICAL, inspect.status(), inspect.reason());
    }

    @Test
    void independentStepsStillStartTogetherAndADependentStartsAfterItsNeed() {
        CyclicBarrier allThree = new CyclicBarrier(3);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        ParallelRunner runner = runner(step -> {
            if (!step.id().equals("after")) {
                try {
                    // passes only if a, b and c run at the same time
                    allThree.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    return Outcome.failed(FailureKind.INTERNAL, "barrier: " + e);
                }
            }
            return Outcome.observed(Map.of("value", 1.0), "", List.of());
        });
        RunListener order = new RunListener() {
            @Override
            public void diagnosticStarted(DiagnosticSpec step) {
                heard.add("started " + step.id());
            }

            @Override
            public void diagnosticFinished(DiagnosticResult result) {
                heard.add("finished " + result.stepId());
            }
        };

        List<DiagnosticResult> results = run(
                runner,
                List.of(
                        step("a", List.of(), null, null, null),
                        step("after", List.of("a", "b"), null, "{{ diagnostics.a.status }}", null),
                        step("b", List.of(), null, null, null),
                        step("c", List.of(), null, null, null)),
                order);

        results.forEach(r -> assertEquals(DiagnosticStatus.HEALTHY, r.status(), r.reason()));
        assertEquals("healthy", results.get(1).facts().get("text"));
        int started = heard.indexOf("started after");
        assertTrue(started > heard.indexOf("finished a") && started > heard.indexOf("finished b"), heard.toString());
    }

    @Test
    void aFalseWhenSkipsTheStepAndTheListenerHearsIt() {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        ParallelRunner runner = runner(step -> Outcome.observed(Map.of("value", 1.0), "", List.of()));
        RunListener listener = new RunListener() {
            @Override
            public void diagnosticFinished(DiagnosticResult result) {
                heard.add(result.stepId() + " " + result.status().label());
            }
        };

        List<DiagnosticResult> results = run(
                runner,
                List.of(
                        step("k8s_only", List.of(), "params.mode == 'k8s'", null, null),
                        step("vm_only", List.of(), "params.mode == 'vm' && labels.namespace == 'shop'", null, null)),
                listener);

        assertEquals(DiagnosticStatus.SKIPPED, results.get(0).status());
        assertEquals(
                "skipped: `when` is false: params.mode == 'k8s'", results.get(0).reason());
        assertEquals(DiagnosticStatus.HEALTHY, results.get(1).status());
        assertTrue(heard.contains("k8s_only skipped"), heard.toString());
    }

    @Test
    void aStepWhoseNeedFailedIsSkippedUnlessItsWhenDecides() {
        ParallelRunner runner = runner(step -> step.id().equals("a")
                ? Outcome.failed(FailureKind.UNREACHABLE, "prometheus refused the connection")
                : Outcome.observed(Map.of("value", 1.0), "", List.of()));

        List<DiagnosticResult> results = run(
                runner,
                List.of(
                        step("a", List.of(), null, null, null),
                        step("reads_a", List.of("a"), null, "{{ diagnostics.a.value }}", null),
                        step("then_b", List.of("reads_a"), null, null, null),
                        step("on_failure", List.of("a"), "diagnostics.a.status == 'error'", null, null)),
                RunListener.NONE);

        assertEquals(DiagnosticStatus.SKIPPED, results.get(1).status());
        assertEquals(
                "skipped: it needs a, which is error (prometheus refused the connection)",
                results.get(1).reason());
        assertEquals(DiagnosticStatus.SKIPPED, results.get(2).status());
        assertTrue(results.get(2).reason().startsWith("skipped: it needs reads_a, which is skipped"));
        assertEquals(
                DiagnosticStatus.HEALTHY,
                results.get(3).status(),
                results.get(3).reason());
    }

    @Test
    void aWhenThatCannotBeEvaluatedFailsTheStepInsteadOfHidingIt() {
        ParallelRunner runner = runner(step -> Outcome.observed(Map.of("value", 1.0), "", List.of()));

        List<DiagnosticResult> results = run(
                runner,
                List.of(
                        step("a", List.of(), null, null, null),
                        step("b", List.of("a"), "diagnostics.a.no_such_fact > 1.0", null, null)),
                RunListener.NONE);

        assertEquals(DiagnosticStatus.ERROR, results.get(1).status());
        assertEquals(Optional.of(FailureKind.CONFIGURATION), results.get(1).failure());
        assertTrue(
                results.get(1).reason().startsWith("not run: its `when` could not be evaluated"),
                results.get(1).reason());
    }

    @Test
    void aCycleOrAnUnknownNeedThatBypassedLintIsAnErrorNotAHang() {
        ParallelRunner runner = runner(step -> Outcome.observed(Map.of("value", 1.0), "", List.of()));

        List<DiagnosticResult> results = run(
                runner,
                List.of(
                        step("x", List.of("y"), null, null, null),
                        step("y", List.of("x"), null, null, null),
                        step("z", List.of("nowhere"), null, null, null),
                        step("free", List.of(), null, null, null)),
                RunListener.NONE);

        assertEquals(
                "not run: its needs form a cycle: x -> y -> x", results.get(0).reason());
        assertEquals(DiagnosticStatus.ERROR, results.get(1).status());
        assertEquals(
                "not run: it needs 'nowhere', which is not a step of this run",
                results.get(2).reason());
        assertEquals(DiagnosticStatus.HEALTHY, results.get(3).status());
    }
}

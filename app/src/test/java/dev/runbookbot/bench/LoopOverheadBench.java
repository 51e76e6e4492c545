package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.runbook.DiagnosticSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The overhead of {@code forEach}: one step looping over N items of a known delay, with concurrency N (every
 * iteration at once), against N independent steps of the same delay; both can finish no sooner than one delay, so the
 * figures are wall / delay for each and loop / steps (goal: about 1.0, the loop costing what the steps cost), and with
 * concurrency 4 the loop's wall against its ideal of ceil(N/4) delays (the bound holds without idle gaps). Prints
 * percentiles; asserts only that every iteration and step ran.
 */
class LoopOverheadBench {
    private static final int ROUNDS = 5;
    private static final long DELAY_MS = 200;

    @Test
    void aLoopOfNIterationsAgainstNIndependentSteps() {
        try (DelayedSteps runner = new DelayedSteps()) {
            for (int n : new int[] {4, 16}) {
                double[] loop = walls(runner, List.of(DelayedSteps.looped("loop", DELAY_MS, n, n)), n);
                double[] steps = walls(runner, independent(n), n);
                double[] ratio = new double[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    ratio[i] = loop[i] / steps[i];
                }
                System.out.printf(
                        Locale.ROOT,
                        "[LoopOverheadBench] n=%-2d loop wall/delay %s | steps wall/delay %s | loop/steps %s (goal ~1.0)%n",
                        n,
                        DelayedSteps.ratios(loop, DELAY_MS),
                        DelayedSteps.ratios(steps, DELAY_MS),
                        Percentiles.of(ratio).format(""));
            }
            int n = 16;
            double[] bounded = walls(runner, List.of(DelayedSteps.looped("loop", DELAY_MS, n, 4)), n);
            System.out.printf(
                    Locale.ROOT,
                    "[LoopOverheadBench] n=%d concurrency=4 wall/ideal(%d delays) %s (goal ~1.0)%n",
                    n,
                    n / 4,
                    DelayedSteps.ratios(bounded, DELAY_MS * (n / 4)));
        }
    }

    /** Wall times in ms of ROUNDS runs of {@code steps}, checking that {@code iterations} things ran. */
    private static double[] walls(DelayedSteps runner, List<DiagnosticSpec> steps, int iterations) {
        return runner.walls(steps, ROUNDS, round -> {
            int ran = round.results().size() == 1
                    ? ((List<?>) round.results().get(0).facts().get("iterations")).size()
                    : round.results().size();
            assertEquals(iterations, ran);
        });
    }

    private static List<DiagnosticSpec> independent(int n) {
        List<DiagnosticSpec> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(DelayedSteps.step("s" + i, DELAY_MS, List.of()));
        }
        return steps;
    }
}

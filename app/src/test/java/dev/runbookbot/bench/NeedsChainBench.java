package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.runbook.DiagnosticSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The overhead of {@code needs}: a chain of k steps, each needing the one before, can finish no sooner than the sum
 * of their delays, so the figure of merit is wall time / sum of delays, and (wall - sum) / k the cost of one link
 * (wait for the need, evaluate the admission, start the next step). A diamond (one root, n independent steps that
 * need it, one step that needs them all) shows that the steps of a level still run in parallel: its ideal is three
 * delays. Prints ratios and percentiles; asserts only that every step ran.
 */
class NeedsChainBench {
    private static final int ROUNDS = 5;
    private static final long DELAY_MS = 200;

    @Test
    void needsChainsAndDiamonds() {
        try (DelayedSteps runner = new DelayedSteps()) {
            for (int k : new int[] {2, 5, 10}) {
                measure(runner, "chain k=" + k, chain(k), k);
            }
            for (int n : new int[] {5, 20}) {
                measure(runner, "diamond n=" + n, diamond(n), 3);
            }
        }
    }

    private static List<DiagnosticSpec> chain(int k) {
        List<DiagnosticSpec> steps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            steps.add(DelayedSteps.step("c" + i, DELAY_MS, i == 0 ? List.of() : List.of("c" + (i - 1))));
        }
        return steps;
    }

    private static List<DiagnosticSpec> diamond(int n) {
        List<DiagnosticSpec> steps = new ArrayList<>();
        steps.add(DelayedSteps.step("root", DELAY_MS, List.of()));
        List<String> middle = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(DelayedSteps.step("m" + i, DELAY_MS, List.of("root")));
            middle.add("m" + i);
        }
        steps.add(DelayedSteps.step("sink", DELAY_MS, middle));
        return steps;
    }

    /** Runs {@code steps} ROUNDS times; the ideal is {@code levels} delays one after another. */
    private static void measure(DelayedSteps runner, String name, List<DiagnosticSpec> steps, int levels) {
        double idealMs = levels * DELAY_MS;
        double[] walls = runner.walls(
                steps,
                ROUNDS,
                round -> assertEquals(steps.size(), round.results().size()));
        double[] perLevelMs = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            perLevelMs[i] = (walls[i] - idealMs) / levels;
        }
        System.out.printf(
                Locale.ROOT,
                "[NeedsChainBench] %-12s steps=%-2d wall/ideal %s | overhead per level %s%n",
                name,
                steps.size(),
                DelayedSteps.ratios(walls, idealMs),
                Percentiles.of(perLevelMs).format("ms"));
    }
}

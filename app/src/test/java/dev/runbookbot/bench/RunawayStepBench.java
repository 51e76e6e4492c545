package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runaway steps through the packaged command line ({@code ./runbookctl run}): a step that hangs with two children
 * (time to its result against its 2 s timeout, and processes left behind, goal 0), and a step that writes 1 GiB to
 * standard output (peak resident memory against the same run of a step that writes 1 KiB; goal: growth <= 50 MB).
 * Prints each figure beside its goal; asserts only that the runs completed (exit 0).
 */
class RunawayStepBench {
    private static final double HUNG_TIMEOUT_S = 2.0;

    @TempDir
    Path dir;

    @Test
    void hungStepAndHugeOutput() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        for (String name : new String[] {"bench-hung.yaml", "bench-output.yaml", "bench-small-output.yaml"}) {
            PackagedBot.copyRunbook(name, runbooks, "");
        }
        PackagedBot.runbookctl(dir, Map.of(), "run", "bench-small-output", "--runbooks", runbooks.toString());

        PackagedBot.Run hung =
                PackagedBot.runbookctl(dir, Map.of(), "run", "bench-hung", "--runbooks", runbooks.toString());
        assertEquals(0, hung.exitCode(), hung.output());
        long survivors = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> a.length == 1 && (a[0].equals("613") || a[0].equals("614")))
                        .orElse(false))
                .count();
        double wall = StartupFootprintBench.seconds(hung.wall());
        System.out.printf(
                "[hung step] runbookctl run of a step that hangs (timeout %.0f s): result after %.2f s wall"
                        + " (%.2fx the timeout, JVM start included); processes left behind: %d (goal 0)%n",
                HUNG_TIMEOUT_S, wall, wall / HUNG_TIMEOUT_S, survivors);

        PackagedBot.Run small =
                PackagedBot.runbookctl(dir, Map.of(), "run", "bench-small-output", "--runbooks", runbooks.toString());
        PackagedBot.Run big =
                PackagedBot.runbookctl(dir, Map.of(), "run", "bench-output", "--runbooks", runbooks.toString());
        assertEquals(0, small.exitCode(), small.output());
        assertEquals(0, big.exitCode(), big.output());
        double growth = big.peakRssMb() - small.peakRssMb();
        System.out.printf(
                "[big output] 1 GiB of step output: peak RSS %.0f MB against %.0f MB for 1 KiB, growth %.0f MB"
                        + " (goal <= 50 MB: %.2fx of goal), in %.1f s%n",
                big.peakRssMb(), small.peakRssMb(), growth, growth / 50, StartupFootprintBench.seconds(big.wall()));
    }
}

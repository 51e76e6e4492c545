package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.remediate.ActionOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a drain's outcome says: completed when every pod to move is gone, otherwise each pod left and why. */
class DrainReportTest {
    private static final NodeTarget NODE = new NodeTarget("worker-3", Optional.of("prod"));

    @Test
    void aDrainCancelledBeforeEveryPodWentFailsAndNamesWhatWasLeft() {
        Map<String, String> notEvicted = new LinkedHashMap<>();
        notEvicted.put("shop/cart-0", "not attempted before the drain stopped");
        DrainPlan plan = new DrainPlan(
                List.of(), List.of(new DrainPlan.Left("monitoring/agent-x", "DaemonSet-managed")), List.of());

        ActionOutcome outcome = DrainReport.outcome(
                NODE,
                plan,
                new PodEvictions.Result(List.of("payments/api-1"), notEvicted, true),
                Duration.ofMinutes(1));

        assertEquals(
                new ActionOutcome.Failed(
                        "node/worker-3 is cordoned but not drained: the drain was cancelled: shop/cart-0 (not attempted"
                                + " before the drain stopped); 1 pod evicted",
                        "evicted: payments/api-1\nleft in place: monitoring/agent-x (DaemonSet-managed)\n"
                                + "not evicted: shop/cart-0 (not attempted before the drain stopped)"),
                outcome);
    }

    @Test
    void aNodeWithNothingToMoveIsDrainedAtOnce() {
        ActionOutcome outcome = DrainReport.outcome(
                NODE,
                new DrainPlan(List.of(), List.of(), List.of()),
                new PodEvictions.Result(List.of(), Map.of(), false),
                Duration.ofMinutes(1));

        assertEquals(
                new ActionOutcome.Completed("node/worker-3 cordoned and drained: 0 pods evicted\nevicted: none"),
                outcome);
    }
}

package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.text.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A drain's outcome as the thread shows it: which pods were evicted, which were left and why, and, when the node could
 * not be drained, every pod that kept it from being drained with the reason (the PodDisruptionBudget that refused it).
 */
final class DrainReport {
    private DrainReport() {}

    static ActionOutcome outcome(NodeTarget target, DrainPlan plan, PodEvictions.Result result, Duration budget) {
        List<String> lines = new ArrayList<>();
        lines.add("evicted: " + (result.evicted().isEmpty() ? "none" : String.join(", ", result.evicted())));
        if (!plan.ignored().isEmpty()) {
            lines.add("left in place: " + join(plan.ignored()));
        }
        List<String> stuck = new ArrayList<>();
        plan.blocking().forEach(left -> stuck.add(left.toString()));
        for (Map.Entry<String, String> e : result.notEvicted().entrySet()) {
            stuck.add(e.getKey() + " (" + e.getValue() + ")");
        }
        if (!stuck.isEmpty()) {
            lines.add("not evicted: " + String.join(", ", stuck));
        }
        String node = "node/" + target.name();
        String output = String.join("\n", lines);
        if (stuck.isEmpty()) { // every pod to move is gone, even if the drain was cancelled just after
            return new ActionOutcome.Completed(
                    node + " cordoned and drained: " + count(result.evicted().size()) + " evicted\n" + output);
        }
        String why = result.interrupted()
                ? "the drain was cancelled"
                : count(stuck.size()) + " could not be evicted within " + DurationText.format(budget);
        return new ActionOutcome.Failed(
                node + " is cordoned but not drained: " + why + ": " + String.join(", ", stuck) + "; "
                        + count(result.evicted().size()) + " evicted",
                output);
    }

    private static String count(int pods) {
        return pods + (pods == 1 ? " pod" : " pods");
    }

    private static String join(List<DrainPlan.Left> pods) {
        return String.join(", ", pods.stream().map(DrainPlan.Left::toString).toList());
    }
}

package dev.runbookbot.cli;

import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.RemediationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a remediation with {@code forEach} would do, item by item, as {@code run} and {@code simulate} print it: the
 * items read from the diagnosis (as the bot reads them when it proposes), each item's rendered action, or why there is
 * nothing to run (no list, more items than {@code maxItems}); and its {@code until}, if any.
 */
record LoopRendering(
        String summary,
        List<String> labels,
        List<ActionText> actions,
        Optional<String> problem,
        Optional<String> until) {
    LoopRendering {
        labels = List.copyOf(labels);
        actions = List.copyOf(actions);
    }

    /** The loop of {@code remediation} over the items {@code context} (with the diagnosis' results) holds. */
    static LoopRendering of(RemediationSpec remediation, TemplateContext context) {
        LoopSpec loop = remediation.forEach().orElseThrow();
        Optional<String> until = remediation
                .until()
                .map(u -> "after each: wait until `" + u.condition() + "`, checked every "
                        + u.interval().toSeconds() + "s for at most "
                        + u.timeout().toSeconds() + "s");
        String how = loop.sequential() ? "one at a time" : "up to " + loop.concurrency() + " at a time";
        LoopItems.Resolved resolved = LoopItems.resolve(loop, context);
        Optional<String> problem = resolved.problem();
        List<Object> items = resolved.items();
        if (problem.isEmpty() && items.isEmpty()) {
            problem = Optional.of("forEach has no items: there is nothing to act on");
        } else if (problem.isEmpty() && items.size() > loop.bound()) {
            problem = Optional.of("forEach has " + items.size() + " items, more than maxItems " + loop.bound()
                    + ": nothing would run (an approver must see every target)");
        }
        if (problem.isPresent()) {
            return new LoopRendering("for each item, " + how, List.of(), List.of(), problem, until);
        }
        List<String> labels = new ArrayList<>();
        List<ActionText> actions = new ArrayList<>();
        for (Object item : items) {
            labels.add(LoopItems.label(item));
            actions.add(ActionText.render(remediation.action().orElseThrow(), context.withItem(item)));
        }
        return new LoopRendering(
                "for each of " + items.size() + (items.size() == 1 ? " item, " : " items, ") + how
                        + ", stopping at the first failure",
                labels,
                actions,
                Optional.empty(),
                until);
    }
}

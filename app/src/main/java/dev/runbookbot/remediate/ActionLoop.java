package dev.runbookbot.remediate;

import dev.runbookbot.audit.LoopIterationDetail;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateVariable;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.RemediationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An automated remediation with {@code forEach} and/or {@code until}: the action once per item, approved once for every
 * item, one at a time unless {@code concurrency} says otherwise, stopping at the first failure (the items not started
 * are reported as not run); after the action, or after each iteration, {@link UntilWait} until the condition holds.
 *
 * <ul>
 *   <li>{@link #items} reads the items from the context's diagnostics (the diagnosis that proposed the run), or runs the
 *       step that holds them again when they are not there (at execution, after approval). More items than the loop's
 *       bound is a refusal: an approver must see every target.
 *   <li>{@link #preview} renders the action for each item: every target is listed, numbered, with what will run.
 *   <li>{@link #run} acts; each iteration, wait and check is a timeline event of the run.
 * </ul>
 *
 * Thread-safe. {@link #run} blocks for as long as the iterations and waits take; iterations that run at once run on
 * the calling thread and on at most {@code concurrency - 1} helpers borrowed from the shared executor it was given
 * ({@link BoundedIterations}), so no run builds threads of its own and a busy pool slows a loop, never blocks it.
 */
public final class ActionLoop {
    private final FreshDiagnostics fresh;
    private final UntilWait until;
    private final RunStore store;
    private final java.time.Clock clock;
    private final BoundedIterations iterations;

    /**
     * {@code iterations}: the shared, bounded executor (built and shut down in {@code runtime}) that lends the helper
     * threads of loops with {@code concurrency} above 1; the thread that runs a loop takes part in it.
     */
    public ActionLoop(
            FreshDiagnostics fresh, UntilWait until, RunStore store, java.time.Clock clock, Executor iterations) {
        this.fresh = fresh;
        this.until = until;
        this.store = store;
        this.clock = clock;
        this.iterations = new BoundedIterations(iterations);
    }

    /** Whether {@code remediation} needs this: it has {@code forEach} or {@code until}. */
    public static boolean applies(RemediationSpec remediation) {
        return remediation.forEach().isPresent() || remediation.until().isPresent();
    }

    /**
     * How long a run of {@code remediation} may take at most: per item the action's timeout, the {@code until} timeout
     * and one interval, times the rounds the bound and the concurrency make. The store's deadline for the run.
     */
    public static Duration longest(RemediationSpec remediation, Duration actionTimeout) {
        Duration each = actionTimeout.plus(
                remediation.until().map(u -> u.timeout().plus(u.interval())).orElse(Duration.ZERO));
        int rounds = remediation
                .forEach()
                .map(loop -> (loop.bound() + Math.max(1, loop.concurrency()) - 1) / Math.max(1, loop.concurrency()))
                .orElse(1);
        return each.multipliedBy(Math.max(1, rounds));
    }

    /**
     * The items {@code context}'s remediation goes through: one empty-context item for a remediation without {@code
     * forEach}. A problem (no list, more items than the bound) leaves nothing to run.
     */
    public LoopItems.Resolved items(RemediationContext context) {
        Optional<LoopSpec> loop = context.remediation().forEach();
        if (loop.isEmpty()) {
            return new LoopItems.Resolved(List.of(), Optional.empty());
        }
        TemplateContext inputs = context.inputs();
        Optional<String> source =
                loop.get().itemsFrom().flatMap(LoopItems::variable).map(TemplateVariable::name);
        if (source.isPresent() && !inputs.diagnostics().containsKey(source.get())) {
            Map<String, Map<String, Object>> readings = new LinkedHashMap<>(inputs.diagnostics());
            readings.putAll(
                    fresh.run(context.runbook(), List.of(source.get()), inputs).readings());
            inputs = inputs.withDiagnostics(readings);
        }
        LoopItems.Resolved resolved = LoopItems.resolve(loop.get(), inputs);
        if (resolved.problem().isPresent()) {
            return resolved;
        }
        int count = resolved.items().size();
        if (count == 0) {
            return new LoopItems.Resolved(List.of(), Optional.of("forEach has no items: there is nothing to act on"));
        }
        if (count > loop.get().bound()) {
            return new LoopItems.Resolved(
                    List.of(),
                    Optional.of("forEach " + loop.get().itemsFrom().orElse("items") + " has " + count
                            + " items, more than maxItems " + loop.get().bound()
                            + ": nothing runs (an approver must see every target)"));
        }
        return resolved;
    }

    /** What the remediation will do for each of {@code items}, every target listed; {@code one} previews one item. */
    public PreviewResult preview(
            RemediationContext context, LoopItems.Resolved items, Function<TemplateContext, PreviewResult> one) {
        RemediationSpec remediation = context.remediation();
        if (items.problem().isPresent()) {
            return new PreviewResult.Unavailable(
                    remediation.id() + ": " + items.problem().get());
        }
        List<String> lines = new ArrayList<>();
        String target;
        if (remediation.forEach().isEmpty()) {
            PreviewResult single = one.apply(context.inputs());
            if (!(single instanceof PreviewResult.Rendered rendered)) {
                return single;
            }
            target = rendered.preview().target();
            lines.addAll(rendered.preview().lines());
        } else {
            List<Object> all = items.items();
            LoopSpec loop = remediation.forEach().get();
            target = "for each of " + all.size() + (all.size() == 1 ? " item" : " items") + ", "
                    + (loop.sequential() ? "one at a time" : "up to " + loop.concurrency() + " at a time")
                    + ", stopping at the first failure";
            for (int i = 0; i < all.size(); i++) {
                PreviewResult each = one.apply(context.inputs().withItem(all.get(i)));
                String label = position(i, all.size()) + " " + LoopItems.label(all.get(i));
                if (!(each instanceof PreviewResult.Rendered rendered)) {
                    return new PreviewResult.Unavailable(label + ": " + ((PreviewResult.Unavailable) each).reason());
                }
                lines.add(label + " -> " + rendered.preview().target());
                rendered.preview().lines().forEach(line -> lines.add("    " + line));
            }
        }
        remediation
                .until()
                .ifPresent(u ->
                        lines.add(UntilWait.describe(u, remediation.forEach().isPresent())));
        return new PreviewResult.Rendered(new ActionPreview(target, lines));
    }

    /**
     * Runs the remediation over {@code items} ({@code one} performs the action for one item's context), then waits as
     * its {@code until} says after each; stops at the first failure or timeout. The outcome lists every item: done,
     * failed, or not run.
     */
    public ActionOutcome run(
            RemediationTarget incident,
            RemediationRun run,
            RemediationContext context,
            LoopItems.Resolved items,
            Function<TemplateContext, ActionOutcome> one) {
        RemediationSpec remediation = context.remediation();
        if (items.problem().isPresent()) {
            return new ActionOutcome.Failed(items.problem().get(), "");
        }
        if (remediation.forEach().isEmpty()) {
            ActionOutcome outcome = one.apply(context.inputs());
            if (outcome instanceof ActionOutcome.Completed
                    && remediation.until().isPresent()) {
                Optional<String> notHeld = until.await(incident, run, context, context.inputs(), "");
                if (notHeld.isPresent()) {
                    return new ActionOutcome.Failed(notHeld.get(), outcome.output());
                }
            }
            return outcome;
        }
        List<Object> all = items.items();
        LoopSpec loop = remediation.forEach().get();
        String[] done = new String[all.size()];
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger firstFailure = new AtomicInteger(-1);
        Function<Integer, Runnable> iteration = i -> () -> {
            Object item = all.get(i);
            String label = position(i, all.size()) + " " + LoopItems.label(item);
            if (stopped.get()) {
                return;
            }
            TemplateContext inputs = context.inputs().withItem(item);
            ActionOutcome outcome = one.apply(inputs);
            String result;
            if (outcome instanceof ActionOutcome.Failed failed) {
                result = "failed: " + failed.reason();
            } else {
                Optional<String> notHeld = remediation.until().isPresent()
                        ? until.await(incident, run, context, inputs, label)
                        : Optional.empty();
                result = notHeld.map(why -> "failed: " + why).orElse("done");
            }
            done[i] = label + ": " + result
                    + firstLine(outcome.output()).map(line -> "\n    " + line).orElse("");
            boolean failed = result.startsWith("failed");
            timeline(
                    incident,
                    run,
                    remediation.name() + " " + label + ": " + result,
                    new LoopIterationDetail(
                            remediation.id(),
                            i + 1,
                            all.size(),
                            LoopItems.label(item),
                            failed ? LoopIterationDetail.FAILED : LoopIterationDetail.DONE,
                            failed ? result.substring("failed: ".length()) : null));
            if (failed) {
                stopped.set(true);
                firstFailure.compareAndSet(-1, i);
            }
        };
        int concurrency = Math.max(1, Math.min(loop.concurrency(), LoopSpec.MAX_CONCURRENCY));
        if (concurrency == 1) {
            for (int i = 0; i < all.size() && !stopped.get(); i++) {
                iteration.apply(i).run();
            }
        } else {
            try {
                iterations.run(all.size(), concurrency, i -> iteration.apply(i).run());
            } catch (RuntimeException e) {
                throw new IllegalStateException("an iteration of " + run.label() + " failed unexpectedly", e);
            }
        }
        return combined(all, done, firstFailure.get());
    }

    private static ActionOutcome combined(List<Object> all, String[] done, int failure) {
        List<String> notRun = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            if (done[i] == null) {
                notRun.add(position(i, all.size()) + " " + LoopItems.label(all.get(i)));
            } else {
                output.append(done[i]).append('\n');
            }
        }
        if (!notRun.isEmpty()) {
            output.append("not run: ").append(String.join(", ", notRun)).append('\n');
        }
        long ran = java.util.Arrays.stream(done).filter(d -> d != null).count();
        if (failure < 0) {
            return new ActionOutcome.Completed(all.size() + " of " + all.size() + " items done\n"
                    + output.toString().strip());
        }
        String reason = done[failure].lines().findFirst().orElse("")
                + (notRun.isEmpty() ? "" : "; not run: " + notRun.size() + " of " + all.size())
                + " (" + ran + " ran)";
        return new ActionOutcome.Failed(reason, output.toString().strip());
    }

    private void timeline(RemediationTarget incident, RemediationRun run, String summary, LoopIterationDetail detail) {
        try {
            store.append(new NewTimelineEvent(
                    incident.incidentId(),
                    Optional.of(run.id()),
                    clock.instant(),
                    TimelineKind.ACTION,
                    RemediationLifecycle.BOT,
                    summary,
                    TimelineDetails.write(detail)));
        } catch (RuntimeException e) {
            // the timeline is a record; a failure to write it never stops the remediation
        }
    }

    private static Optional<String> firstLine(String output) {
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        return output.strip().lines().findFirst();
    }

    /** "[2/5]". */
    static String position(int index, int count) {
        return "[" + (index + 1) + "/" + count + "]";
    }
}

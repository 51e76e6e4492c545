package dev.runbookbot.remediate;

import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.UntilCheckDetail;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.diagnose.InterpretScope;
import dev.runbookbot.diagnose.StepReadings;
import dev.runbookbot.diagnose.UntilScope;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.UntilSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A remediation's {@code until}: the diagnostic steps its condition reads run again ({@link FreshDiagnostics}) and the
 * condition is evaluated on their fresh results, every {@code interval}, until it holds or {@code timeout} has passed.
 * A condition that cannot be evaluated does not hold. Each check is a timeline event of the run, with the statuses it
 * read. Thread-safe; {@link #await} blocks the calling thread for up to the timeout.
 */
public final class UntilWait {
    private final FreshDiagnostics fresh;
    private final ConditionLanguage language;
    private final RunStore store;
    private final Pause pause;
    private final Clock clock;

    public UntilWait(FreshDiagnostics fresh, ConditionLanguage language, RunStore store, Pause pause, Clock clock) {
        this.fresh = fresh;
        this.language = language;
        this.store = store;
        this.pause = pause;
        this.clock = clock;
    }

    /** "then wait until `cond`, checked every 5s for at most 2m" (after each item, for a loop). */
    static String describe(UntilSpec until, boolean looped) {
        return (looped ? "after each: " : "then: ") + "wait until `" + until.condition() + "`, checked every "
                + human(until.interval()) + " for at most " + human(until.timeout());
    }

    /**
     * Waits until the remediation's condition holds, with {@code inputs} (the item, for a loop). Empty when it held;
     * otherwise why not ({@code item} names the loop's item, such as {@code [1/2] web-1}, or is empty outside a loop).
     * Never throws for a failed check.
     */
    Optional<String> await(
            RemediationTarget incident,
            RemediationRun run,
            RemediationContext context,
            TemplateContext inputs,
            String item) {
        String prefix = item.isEmpty() ? "" : item + ": ";
        String remediation = context.remediation().id();
        String itemOrNull = item.isEmpty() ? null : item;
        UntilSpec until = context.remediation().until().orElseThrow();
        boolean looped = context.remediation().forEach().isPresent();
        Condition condition;
        try {
            condition = language.compile(until.condition(), UntilScope.scope(looped));
        } catch (ConditionException e) {
            return Optional.of("until `" + until.condition() + "` does not compile: " + e.getMessage());
        }
        List<String> steps = List.copyOf(condition.selectedFields(InterpretScope.DIAGNOSTICS));
        Instant deadline = clock.instant().plus(until.timeout());
        timeline(
                incident,
                run,
                prefix + describe(until, false).substring("then: ".length()),
                new UntilCheckDetail(
                        remediation, itemOrNull, until.condition(), 0, UntilCheckDetail.WAITING, null, Map.of()));
        for (int check = 1; ; check++) {
            Map<String, Map<String, Object>> readings =
                    fresh.run(context.runbook(), steps, inputs).readings();
            String read = readings.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().get(StepReadings.STATUS))
                    .collect(Collectors.joining(", "));
            Map<String, String> statuses = new LinkedHashMap<>();
            readings.forEach((step, facts) -> statuses.put(step, String.valueOf(facts.get(StepReadings.STATUS))));
            String verdict;
            String error = null;
            boolean held = false;
            try {
                held = condition.evaluate(
                        UntilScope.variables(inputs.withDiagnostics(readings).withNow(clock.instant())));
                verdict = held ? "holds" : "does not hold yet";
            } catch (ConditionException e) {
                error = e.getMessage();
                verdict = "could not be evaluated (" + error + ")";
            }
            timeline(
                    incident,
                    run,
                    prefix + "check " + check + ": `" + until.condition() + "` " + verdict
                            + (read.isEmpty() ? "" : " (" + read + ")"),
                    new UntilCheckDetail(
                            remediation,
                            itemOrNull,
                            until.condition(),
                            check,
                            error != null
                                    ? UntilCheckDetail.ERROR
                                    : held ? UntilCheckDetail.HELD : UntilCheckDetail.NOT_HELD,
                            error,
                            statuses));
            if (held) {
                return Optional.empty();
            }
            if (clock.instant().plus(until.interval()).isAfter(deadline)) {
                return Optional.of("`" + until.condition() + "` did not hold within " + human(until.timeout())
                        + " (" + check + (check == 1 ? " check" : " checks") + "; last: " + verdict
                        + (read.isEmpty() ? "" : ", " + read) + ")");
            }
            try {
                pause.pause(until.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting until `" + until.condition() + "`");
            }
        }
    }

    private void timeline(RemediationTarget incident, RemediationRun run, String summary, UntilCheckDetail detail) {
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
            // the timeline is a record; a failure to write it never stops the wait
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }
}

package dev.runbookbot.incident;

import dev.runbookbot.audit.HandOffDetail;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.HandOffBinder;
import dev.runbookbot.runbook.HandOffSpec;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Carries out a plan's hand-off: the incident continues under another runbook, in the same thread. It binds the
 * target's parameters from the {@code with} values, keeps them as the incident's inputs, records the hand-off (store
 * and timeline: from, to, parameters, the decision that chose it) and says so in the thread; the caller then runs the
 * target's diagnostics. Lint refuses hand-off cycles; {@link #MAX_HAND_OFFS} in a row is the defence at run time
 * (a catalog reloaded mid-incident). Whatever goes wrong is recorded and shown, and the incident stays where it was.
 */
final class RunbookHandOff {
    /** At most this many hand-offs follow one another from one diagnosis. */
    static final int MAX_HAND_OFFS = 5;

    /** The incident under its new runbook, with the inputs that runbook runs with. */
    record Next(Incident incident, RunbookSpec runbook, TemplateContext context) {}

    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final IncidentInputs inputs;
    private final Clock clock;

    RunbookHandOff(Catalog catalog, IncidentStore store, ChatGateway chat, IncidentInputs inputs, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.chat = chat;
        this.inputs = inputs;
        this.clock = clock;
    }

    /**
     * Hands {@code incident} over from {@code from} as {@code plan} says, {@code handOffsSoFar} hand-offs after its
     * diagnosis started; empty when it did not happen (the reason is on the timeline and in the thread).
     */
    Optional<Next> handOff(Incident incident, RunbookSpec from, Plan plan, TemplateContext context, int handOffsSoFar) {
        PlannedRemediation planned = plan.handOff().orElseThrow();
        HandOffSpec handOff = planned.remediation().handOff().orElseThrow();
        String skipped = plan.remediations().stream()
                .filter(p -> p != planned)
                .map(p -> p.remediation().id())
                .collect(Collectors.joining(", "));
        if (handOffsSoFar >= MAX_HAND_OFFS) {
            return refused(
                    incident,
                    handOff,
                    MAX_HAND_OFFS + " hand-offs in a row already (a cycle between runbooks?); run lint on the"
                            + " catalog");
        }
        Optional<RunbookSpec> found = catalog.byId(handOff.runbook());
        if (found.isEmpty()) {
            return refused(incident, handOff, "runbook " + handOff.runbook() + " is not in the catalog");
        }
        RunbookSpec target = found.get();
        TemplateContext next;
        try {
            next = IncidentInputs.requireStorable(HandOffBinder.bind(target, handOff, context));
        } catch (ParameterException | IllegalArgumentException e) {
            return refused(incident, handOff, e.getMessage());
        }
        String reason = planned.remediation().id() + ", chosen by '" + planned.chosenBy() + "'";
        String detail = TimelineDetails.write(new HandOffDetail(
                from.id(),
                target.id(),
                target.version(),
                planned.remediation().id(),
                planned.chosenBy(),
                shown(next.params()),
                skipped));
        TransitionResult<Incident> result = store.handOff(incident.id(), target.id(), target.version(), reason, detail);
        if (!(result instanceof TransitionResult.Applied<Incident> applied)) {
            return refused(incident, handOff, result.refusal().orElse("the store refused"));
        }
        inputs.save(incident.id(), next);
        Incident handed = applied.value();
        chat.note(
                handed,
                "Handed off to runbook " + target.id() + " (" + target.name() + ")"
                        + (next.params().isEmpty() ? "" : " with " + shown(next.params()))
                        + ": " + planned.remediation().name() + ", chosen by '" + planned.chosenBy() + "'."
                        + (skipped.isEmpty() ? "" : " Not proposed from " + from.id() + ": " + skipped + ".")
                        + " Its diagnostics run now, in this thread.");
        chat.showIncident(handed, target);
        return Optional.of(new Next(handed, target, next));
    }

    private Optional<Next> refused(Incident incident, HandOffSpec handOff, String why) {
        String text = "not handed off to runbook " + handOff.runbook() + ": " + why;
        store.append(NewTimelineEvent.of(
                incident.id(), clock.instant(), TimelineKind.DECISION, IncidentService.BOT, text, ""));
        chat.note(incident, "Not handed off to runbook " + handOff.runbook() + ": " + why + ".");
        return Optional.empty();
    }

    private static String shown(Map<String, Object> params) {
        List<String> pairs = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        return String.join(", ", pairs);
    }
}

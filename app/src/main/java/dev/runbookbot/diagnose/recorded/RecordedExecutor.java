package dev.runbookbot.diagnose.recorded;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stands in for the live executor of one diagnostic type: it answers each step with the result a {@link Recording}
 * holds for the step's id, and never contacts anything. It declares the live executor's facts, so conditions
 * type-check and evaluate exactly as in production, and converts each recorded fact to its declared type.
 *
 * <p>A step the recording does not mention fails with {@link FailureKind#CONFIGURATION} and the reason "no recorded
 * result ..."; so does a recorded fact the type does not declare or a value of the wrong type, with the fixture key
 * and what was expected. The step's config is not read: lint checks it against the live executor. Immutable and
 * thread-safe.
 */
public final class RecordedExecutor implements DiagnosticExecutor {
    private final DiagnosticType type;
    private final Map<String, ValueType> facts;
    private final Recording recording;

    public RecordedExecutor(DiagnosticType type, Map<String, ValueType> facts, Recording recording) {
        this.type = Objects.requireNonNull(type, "type");
        this.facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        this.recording = Objects.requireNonNull(recording, "recording");
    }

    /**
     * One recorded executor per type of {@code live}, each declaring that executor's facts. Only the type and the
     * facts are copied: the result holds no reference to a live executor.
     */
    public static List<DiagnosticExecutor> standingInFor(
            Collection<? extends DiagnosticExecutor> live, Recording recording) {
        List<DiagnosticExecutor> recorded = new ArrayList<>(live.size());
        for (DiagnosticExecutor executor : live) {
            recorded.add(new RecordedExecutor(executor.type(), executor.facts(), recording));
        }
        return List.copyOf(recorded);
    }

    @Override
    public DiagnosticType type() {
        return type;
    }

    @Override
    public Map<String, ValueType> facts() {
        return facts;
    }

    /** A recorded result does not read the step's config; lint checks it against the live executor. */
    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        return List.of();
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        String stepId = request.spec().id();
        Optional<String> item = request.context().item().map(LoopItems::label);
        Optional<Outcome> recorded =
                item.isPresent() ? recording.iteration(stepId, item.get()) : recording.step(stepId);
        if (recorded.isEmpty()) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION,
                    "no recorded result for step '" + stepId + "'"
                            + item.map(i -> " item '" + i + "'").orElse("") + " in "
                            + recording.file().getFileName());
        }
        if (recorded.get() instanceof Outcome.Observed observed) {
            return typed(stepId, observed);
        }
        return recorded.get();
    }

    private Outcome typed(String stepId, Outcome.Observed observed) {
        Map<String, Object> typed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> fact : observed.facts().entrySet()) {
            String name = fact.getKey();
            ValueType declared = facts.get(name);
            if (declared == null) {
                problems.add(stepId + ".facts." + name + ": " + type.yamlName() + " has no fact '" + name + "'"
                        + ClosestNames.best(name, facts.keySet())
                                .map(best -> " (did you mean '" + best + "'?)")
                                .orElse("")
                        + "; its facts: " + String.join(", ", facts.keySet()));
                continue;
            }
            try {
                typed.put(name, FactValues.convert(declared, fact.getValue()));
            } catch (IllegalArgumentException e) {
                problems.add(stepId + ".facts." + name + " (" + declared.name().toLowerCase(java.util.Locale.ROOT)
                        + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION,
                    "the recorded result in " + recording.file().getFileName() + " does not fit: "
                            + String.join("; ", problems));
        }
        return Outcome.observed(typed, observed.evidence(), observed.details());
    }
}

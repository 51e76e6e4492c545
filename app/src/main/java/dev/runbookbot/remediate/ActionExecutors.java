package dev.runbookbot.remediate;

import dev.runbookbot.runbook.ActionType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The registered action executors, one per {@link ActionType}. Immutable. */
public final class ActionExecutors {
    private final Map<ActionType, ActionExecutor> byType;

    private ActionExecutors(Map<ActionType, ActionExecutor> byType) {
        this.byType = byType;
    }

    /**
     * @throws IllegalArgumentException when two executors claim the same type
     */
    public static ActionExecutors of(Collection<? extends ActionExecutor> executors) {
        Map<ActionType, ActionExecutor> map = new EnumMap<>(ActionType.class);
        for (ActionExecutor executor : executors) {
            if (map.put(executor.type(), executor) != null) {
                throw new IllegalArgumentException(
                        "two action executors registered for " + executor.type().yamlName());
            }
        }
        return new ActionExecutors(map);
    }

    public Optional<ActionExecutor> forType(ActionType type) {
        return Optional.ofNullable(byType.get(type));
    }
}

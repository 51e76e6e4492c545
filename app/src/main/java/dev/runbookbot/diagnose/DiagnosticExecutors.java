package dev.runbookbot.diagnose;

import dev.runbookbot.runbook.DiagnosticType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The registered diagnostic executors, one per {@link DiagnosticType}. Immutable. */
public final class DiagnosticExecutors {
    private final Map<DiagnosticType, DiagnosticExecutor> byType;

    private DiagnosticExecutors(Map<DiagnosticType, DiagnosticExecutor> byType) {
        this.byType = byType;
    }

    public static DiagnosticExecutors of(Collection<? extends DiagnosticExecutor> executors) {
        Map<DiagnosticType, DiagnosticExecutor> map = new EnumMap<>(DiagnosticType.class);
        for (DiagnosticExecutor executor : executors) {
            if (map.put(executor.type(), executor) != null) {
                throw new IllegalArgumentException(
                        "two executors registered for " + executor.type().yamlName());
            }
        }
        return new DiagnosticExecutors(map);
    }

    public Optional<DiagnosticExecutor> forType(DiagnosticType type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Collection<DiagnosticExecutor> all() {
        return byType.values();
    }
}

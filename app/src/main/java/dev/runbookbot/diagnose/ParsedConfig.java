package dev.runbookbot.diagnose;

import dev.runbookbot.runbook.ConfigProblem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A step's typed config, or every problem that kept it from being one. {@link DiagnosticExecutor#validate} returns
 * {@link #problems()}; {@link DiagnosticExecutor#execute} turns an invalid config into {@link #asFailure()}.
 */
public record ParsedConfig<T>(Optional<T> config, List<ConfigProblem> problems) {
    public ParsedConfig {
        problems = List.copyOf(problems);
        if (config.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a parsed config has either a value or problems");
        }
    }

    public static <T> ParsedConfig<T> valid(T config) {
        return new ParsedConfig<>(Optional.of(config), List.of());
    }

    public static <T> ParsedConfig<T> invalid(List<ConfigProblem> problems) {
        return new ParsedConfig<>(Optional.empty(), problems);
    }

    public boolean isValid() {
        return config.isPresent();
    }

    /** The problems as a {@link FailureKind#CONFIGURATION} failure, one {@code path: message} per problem. */
    public Outcome.Failed asFailure() {
        return Outcome.failed(
                FailureKind.CONFIGURATION,
                problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
    }
}

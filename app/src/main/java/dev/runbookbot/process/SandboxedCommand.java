package dev.runbookbot.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A command made ready to run in a sandbox.
 *
 * @param argv what the runner starts (the sandbox launcher, its options, then the step's command)
 * @param environment variables the sandbox sets for the step on top of the runner's ({@code HOME}, {@code TMPDIR})
 * @param description what isolated the step, for evidence and the timeline: {@code "bubblewrap, network none"};
 *     empty when nothing did
 * @param limits the limits applied, to explain a step they stopped; empty without a sandbox
 */
record SandboxedCommand(
        List<String> argv, Map<String, String> environment, String description, Optional<ResourceLimits> limits) {
    SandboxedCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(new LinkedHashMap<>(environment));
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(limits, "limits");
    }
}

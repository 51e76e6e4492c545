package dev.runbookbot.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks at start-up that a sandbox really works on this machine, by running {@code true} in it through the same
 * runner the steps use: a missing binary, user namespaces the kernel refuses, or a podman that cannot start containers
 * all show here, before the first incident, rather than as failed diagnostics in the middle of one.
 */
public final class SandboxProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SandboxProbe() {}

    /** Why {@code sandbox} cannot run a step here; empty when it can. */
    public static Optional<String> problem(SandboxSettings sandbox) {
        if (sandbox.mode() == SandboxMode.NONE) {
            return Optional.empty();
        }
        ProcessRunner runner =
                new ProcessRunner(ProcessRunnerSettings.defaults(Path.of("/")).withSandbox(sandbox));
        ProcessResult result = runner.run(ProcessSpec.of(List.of("true"), TIMEOUT));
        return switch (result.termination()) {
            case NOT_STARTED -> Optional.of(result.startFailure());
            case TIMED_OUT -> Optional.of("a trial run of `true` did not finish within " + TIMEOUT.toSeconds() + "s");
            case CANCELLED -> Optional.of("the trial run was interrupted");
            case EXITED ->
                result.exitCode().getAsInt() == 0
                        ? Optional.empty()
                        : Optional.of("a trial run of `true` exited with "
                                + result.exitCode().getAsInt()
                                + firstLine(result.stderr().text()));
        };
    }

    private static String firstLine(String stderr) {
        return stderr.lines()
                .filter(line -> !line.isBlank())
                .findFirst()
                .map(line -> ": " + line.strip())
                .orElse("");
    }
}

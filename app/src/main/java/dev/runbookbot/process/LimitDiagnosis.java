package dev.runbookbot.process;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says when a sandboxed step was stopped by one of its limits, so the step ends as an error with that reason rather
 * than as a reading. The kernel reports two limits by signal (SIGXCPU for CPU time, SIGXFSZ for file size); the other
 * two make a system call fail ({@code fork} with EAGAIN, an allocation with ENOMEM), and the program says so on stderr
 * in the words of its C library or runtime, which are matched here.
 */
final class LimitDiagnosis {
    private static final int SIGKILL = 9;
    private static final int SIGXCPU = 24;
    private static final int SIGXFSZ = 25;

    private static final List<String> FORK_FAILURES =
            List.of("cannot fork", "fork: resource temporarily unavailable", "fork: retry", "can't fork");
    private static final List<String> MEMORY_FAILURES = List.of(
            "cannot allocate memory",
            "out of memory",
            "memoryerror",
            "memory exhausted",
            "std::bad_alloc",
            "outofmemoryerror");

    private LimitDiagnosis() {}

    /** Why {@code exitCode} and {@code stderr} show a step stopped by {@code limits}; empty when they do not. */
    static Optional<String> explain(int exitCode, String stderr, ResourceLimits limits) {
        if (exitCode == 128 + SIGXCPU) {
            return Optional.of("stopped by the sandbox's CPU time limit of "
                    + limits.cpuTime().toSeconds() + "s (SIGXCPU)");
        }
        if (exitCode == 128 + SIGXFSZ) {
            return Optional.of("stopped by the sandbox's file size limit of "
                    + ResourceLimits.mebibytes(limits.fileSizeBytes()) + " (SIGXFSZ)");
        }
        Optional<String> fork = firstLine(stderr, FORK_FAILURES);
        if (fork.isPresent()) {
            return Optional.of("reached the sandbox's process limit of " + limits.processes() + ": " + fork.get());
        }
        Optional<String> memory = firstLine(stderr, MEMORY_FAILURES);
        if (memory.isPresent()) {
            return Optional.of("reached the sandbox's memory limit of " + ResourceLimits.mebibytes(limits.memoryBytes())
                    + ": " + memory.get());
        }
        if (exitCode == 128 + SIGKILL) {
            return Optional.of("was killed (SIGKILL) inside the sandbox: the CPU time limit of "
                    + limits.cpuTime().toSeconds() + "s or the memory limit of "
                    + ResourceLimits.mebibytes(limits.memoryBytes()) + " was probably reached");
        }
        return Optional.empty();
    }

    private static Optional<String> firstLine(String text, List<String> needles) {
        return text.lines()
                .filter(line -> {
                    String lower = line.toLowerCase(Locale.ROOT);
                    return needles.stream().anyMatch(lower::contains);
                })
                .findFirst()
                .map(line -> line.length() <= 200
                        ? line.strip()
                        : line.substring(0, 199).strip() + "…");
    }
}

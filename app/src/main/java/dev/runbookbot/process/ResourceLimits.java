package dev.runbookbot.process;

import java.time.Duration;
import java.util.Objects;

/**
 * What one sandboxed step may consume. bubblewrap applies them as rlimits ({@code prlimit}) on the step's processes;
 * podman as container limits.
 *
 * @param processes the most processes (and threads) the step's user may have: {@code RLIMIT_NPROC}. The kernel counts
 *     every process of that user, so steps running at the same time share it (see docs/sandbox.md)
 * @param memoryBytes the address space of each process ({@code RLIMIT_AS}); an allocation beyond it fails
 * @param cpuTime CPU time of each process ({@code RLIMIT_CPU}): SIGXCPU, then SIGKILL
 * @param fileSizeBytes the largest file a process may write ({@code RLIMIT_FSIZE}): SIGXFSZ
 * @param scratchBytes the size of each private tmpfs ({@code /tmp} and the working directory)
 */
public record ResourceLimits(int processes, long memoryBytes, Duration cpuTime, long fileSizeBytes, long scratchBytes) {
    public ResourceLimits {
        Objects.requireNonNull(cpuTime, "cpuTime");
        if (processes < 1 || memoryBytes < 1 || fileSizeBytes < 1 || scratchBytes < 1) {
            throw new IllegalArgumentException("every sandbox limit must be positive");
        }
        if (cpuTime.toSeconds() < 1) {
            throw new IllegalArgumentException("the CPU time limit must be at least 1s, was " + cpuTime);
        }
    }

    /** 256 processes, 4 GiB of address space, 60 s of CPU, 1 GiB files, 256 MiB scratch. */
    public static ResourceLimits defaults() {
        return new ResourceLimits(256, 4L << 30, Duration.ofSeconds(60), 1L << 30, 256L << 20);
    }

    /** One line for evidence and the timeline. */
    public String describe() {
        return processes + " processes, " + mebibytes(memoryBytes) + " memory, " + cpuTime.toSeconds() + "s CPU, "
                + mebibytes(fileSizeBytes) + " files";
    }

    static String mebibytes(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }
}

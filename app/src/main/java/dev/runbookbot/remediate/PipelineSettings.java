package dev.runbookbot.remediate;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link RemediationPipeline} runs actions.
 *
 * @param worker the name this process runs runs under, recorded with each started run; the reaper treats a run whose
 *     worker is not alive as interrupted, so it must be unique per process (host name and process id)
 * @param actionTimeout how long one action may take (the runbook format has no per-remediation timeout yet); executors
 *     stop at this deadline and report a failure
 * @param startGrace added to {@code actionTimeout} for the run's deadline in the store, so an executor that honours its
 *     timeout always reports before the reaper would call the run timed out
 * @param outputCap the most characters of an action's output that are stored and shown, after masking
 */
public record PipelineSettings(String worker, Duration actionTimeout, Duration startGrace, int outputCap) {
    public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_START_GRACE = Duration.ofSeconds(15);
    public static final int DEFAULT_OUTPUT_CAP = 8_192;

    public PipelineSettings {
        Objects.requireNonNull(worker, "worker");
        if (worker.isBlank()) {
            throw new IllegalArgumentException("the worker name must not be blank");
        }
        requirePositive(actionTimeout, "action timeout");
        Objects.requireNonNull(startGrace, "startGrace");
        if (startGrace.isNegative()) {
            throw new IllegalArgumentException("start grace must not be negative, got " + startGrace);
        }
        if (outputCap < 100) {
            throw new IllegalArgumentException("output cap must be at least 100 characters, got " + outputCap);
        }
    }

    /** The defaults for {@code worker}: 60 s per action, 15 s grace, 8 KiB of output. */
    public static PipelineSettings defaults(String worker) {
        return new PipelineSettings(worker, DEFAULT_ACTION_TIMEOUT, DEFAULT_START_GRACE, DEFAULT_OUTPUT_CAP);
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }
}

package dev.runbookbot.runbook;

import java.time.Duration;

/**
 * Wait until a condition holds after an action, or after each iteration of an action's {@code forEach} (Ansible's
 * {@code until}/{@code delay}, Argo's {@code retryStrategy}): the diagnostic steps the {@code condition} reads run again
 * every {@code interval} until it holds or {@code timeout} has passed. A timeout stops the remediation; the items not yet
 * run are reported as not run. Both {@code interval} and {@code timeout} are required.
 */
public record UntilSpec(String condition, Duration interval, Duration timeout, SourceLocation location) {
    /** The shortest interval between two checks. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** The longest a remediation may wait for its condition, per iteration. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
}

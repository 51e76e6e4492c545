package dev.runbookbot.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one run. A command that could not start, timed out or was cancelled is a result, not an exception.
 *
 * @param termination how the run ended
 * @param exitCode the exit code when {@link Termination#EXITED} (a process killed by signal N reads 128 + N); empty
 *     otherwise
 * @param duration from start until the process tree was gone (or the start failed)
 * @param stdout what was kept of stdout
 * @param stderr what was kept of stderr
 * @param processesKilled how many processes the runner killed: the whole tree on timeout or cancellation, or the
 *     processes a command left running in its session after it exited
 * @param survivors processes that were signalled but still ran when the runner gave up on them (normally empty)
 * @param outputComplete false when a stream was still open after the drain timeout (a process that escaped the kill
 *     holds it), so the output may be incomplete. A child that exits before its output is first read has its pipes
 *     closed by the JDK at exit; then an escaped holder goes unseen (see {@link EndOfFileStreamHandler})
 * @param startFailure why the process did not start; empty unless {@link Termination#NOT_STARTED}
 * @param sandbox what isolated the process ({@code "bubblewrap, network none"}); empty when nothing did
 * @param limitReached which sandbox limit stopped the process, when one did (then the output is not a reading)
 */
public record ProcessResult(
        Termination termination,
        OptionalInt exitCode,
        Duration duration,
        CapturedOutput stdout,
        CapturedOutput stderr,
        int processesKilled,
        List<Long> survivors,
        boolean outputComplete,
        String startFailure,
        String sandbox,
        Optional<String> limitReached) {
    public ProcessResult {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(limitReached, "limitReached");
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(exitCode, "exitCode");
        survivors = List.copyOf(survivors);
        if ((termination == Termination.EXITED) != exitCode.isPresent()) {
            throw new IllegalArgumentException("an exit code is present exactly when the process exited");
        }
    }

    static ProcessResult notStarted(String why, Duration duration) {
        return new ProcessResult(
                Termination.NOT_STARTED,
                OptionalInt.empty(),
                duration,
                CapturedOutput.empty(),
                CapturedOutput.empty(),
                0,
                List.of(),
                true,
                why,
                "",
                Optional.empty());
    }

    public boolean timedOut() {
        return termination == Termination.TIMED_OUT;
    }

    /** Whether a sandbox isolated the process. */
    public boolean sandboxed() {
        return !sandbox.isEmpty();
    }

    public boolean started() {
        return termination != Termination.NOT_STARTED;
    }
}

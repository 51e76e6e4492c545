package dev.runbookbot.remediate;

import dev.runbookbot.audit.RunId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What {@link RemediationPipeline#execute} (or {@code markDone}) did with a run, for the caller to render. */
public sealed interface ExecutionResult {
    RunId runId();

    /**
     * Nothing ran. {@code kind}: {@link RefusalKind#NOT_FOUND} (no such run, or its runbook version is gone), {@link
     * RefusalKind#EXPIRED}, {@link RefusalKind#ALREADY_DONE} (a double click), {@link RefusalKind#TARGET_BUSY} (another
     * remediation runs for the same service and environment), {@link RefusalKind#CONFLICT}, or {@link
     * RefusalKind#NOT_ALLOWED} (a guard said no). {@code reason} is for the person who asked.
     */
    record Refused(RunId runId, RefusalKind kind, String reason) implements ExecutionResult {
        public Refused {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The run started and finished. {@code run} is as stored after finishing (empty only if the store refused to record
     * the result, for example because the reaper had already timed it out; {@code verdict} then still says what
     * happened and {@code storeRefusal} why it was not recorded). {@code verdict} decides success from the output and
     * the remediation's {@code expect} patterns; {@code output} is masked and capped, as stored. {@code
     * verificationScheduled}: a recovery check will report later through the {@code VerificationListener}.
     */
    record Finished(
            RunId runId,
            Optional<RemediationRun> run,
            ExpectationResult verdict,
            String output,
            Duration took,
            boolean verificationScheduled,
            Optional<String> storeRefusal)
            implements ExecutionResult {
        public Finished {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(storeRefusal, "storeRefusal");
        }

        public boolean succeeded() {
            return verdict.succeeded();
        }
    }
}

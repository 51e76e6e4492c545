package dev.runbookbot.remediate;

import dev.runbookbot.audit.NonBlank;
import java.time.Instant;
import java.util.Objects;

/** One person's approval of a run: who, when and why. A run needing N approvals collects N of these from N people. */
public record Approval(String approver, Instant at, String reason) {
    public Approval {
        NonBlank.require(approver, "approver");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}

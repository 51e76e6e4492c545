package dev.runbookbot.remediate;

import java.util.Objects;

/** The answer to "what would this remediation do": the rendered preview, or why it cannot be rendered. */
public sealed interface PreviewResult {
    /** Exactly what would run, secrets masked. */
    record Rendered(ActionPreview preview) implements PreviewResult {
        public Rendered {
            Objects.requireNonNull(preview, "preview");
        }
    }

    /**
     * The action cannot be rendered (bad config, an input a template needs is missing, no executor for its type, the
     * run or its runbook is unknown). {@code reason} says which, masked.
     */
    record Unavailable(String reason) implements PreviewResult {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

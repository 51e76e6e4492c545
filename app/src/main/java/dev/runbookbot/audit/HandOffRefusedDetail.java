package dev.runbookbot.audit;

import java.util.Objects;

/**
 * The detail of the timeline entry a refused hand-off records: the runbook the incident stays with ({@code runbook}), the
 * one it was not handed to ({@code target}) and why (an unknown runbook, parameters that do not bind, the depth bound, the
 * store's refusal). The reason may quote values read from diagnostics: it is stored as data, never interpreted.
 */
public record HandOffRefusedDetail(String runbook, String target, String reason) implements TimelineDetail {
    public HandOffRefusedDetail {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }
}

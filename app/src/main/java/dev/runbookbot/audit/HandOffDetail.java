package dev.runbookbot.audit;

import java.util.Objects;

/**
 * The detail of the timeline entry a hand-off records: the runbook it leaves ({@code from}), the runbook and version it
 * continues under ({@code to}, {@code version}), the {@code handoff} remediation and the decision that chose it, the
 * parameters passed (as shown, secrets masked) and the remediations it kept from being proposed.
 */
public record HandOffDetail(
        String from, String to, String version, String remediation, String chosenBy, String params, String notProposed)
        implements TimelineDetail {
    public HandOffDetail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}

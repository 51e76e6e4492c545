package dev.runbookbot.runbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code handoff} remediation does: the incident continues under another runbook of the catalog, in the same
 * incident and thread. {@code runbook} is the target's id (or an alias); {@code with} gives its parameters, each a
 * template over the source runbook's {@code params}, {@code labels}, {@code annotations} and the facts of its
 * diagnostic steps ({@code diagnostics.<step>.<fact>}, read when the plan hands off) (GitHub Actions' {@code
 * uses:} + {@code with:}, Rundeck's {@code jobref} + {@code args}). The alert's labels and annotations go along, so
 * the target's {@code fromLabel} parameters fill as if the alert had started it.
 */
public record HandOffSpec(String runbook, Map<String, String> with) {
    public HandOffSpec {
        Objects.requireNonNull(runbook, "runbook");
        with = Collections.unmodifiableMap(new LinkedHashMap<>(with));
    }
}

package dev.runbookbot.remediate;

import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.runbook.Severity;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One page: {@code dedupKey} groups pages about the same incident (its id), {@code summary} is the one line people
 * see, {@code component} the affected service, {@code link} the incident's chat thread when there is a URL for it,
 * {@code details} a few more facts (runbook, environment, why). Alert text in it is data, never markup.
 */
public record Page(
        String dedupKey,
        String summary,
        Severity severity,
        String component,
        Optional<String> link,
        Map<String, String> details) {
    public Page {
        NonBlank.require(dedupKey, "page dedup key");
        NonBlank.require(summary, "page summary");
        Objects.requireNonNull(severity, "severity");
        NonBlank.require(component, "page component");
        Objects.requireNonNull(link, "link");
        details = Map.copyOf(details);
    }
}

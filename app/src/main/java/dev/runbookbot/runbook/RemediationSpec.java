package dev.runbookbot.runbook;

import java.util.List;
import java.util.Optional;

/**
 * A remediation the decision tree may propose. Automated ones carry an {@link ActionSpec}; manual ones carry Markdown
 * {@code instructions}; escalations page or post to the escalation targets.
 */
public record RemediationSpec(
        String id,
        String name,
        String description,
        RemediationType type,
        Optional<ActionSpec> action,
        Optional<String> instructions,
        SafetySpec safety,
        List<ExpectSpec> expect,
        SourceLocation location) {
    public RemediationSpec {
        expect = List.copyOf(expect);
    }
}

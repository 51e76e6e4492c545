package dev.runbookbot.runbook;

import java.util.List;
import java.util.Optional;

/**
 * A remediation the decision tree may propose. Automated ones carry an {@link ActionSpec}; manual ones carry Markdown
 * {@code instructions}; escalations page or post to the escalation targets; a hand-off carries the {@link HandOffSpec}
 * of the runbook the incident continues under; a suppression carries the {@code reason} the alert is expected (a
 * template), and ends the incident with that outcome.
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
        SourceLocation location,
        Optional<HandOffSpec> handOff,
        Optional<String> reason) {
    public RemediationSpec {
        expect = List.copyOf(expect);
        handOff = handOff == null ? Optional.empty() : handOff;
        reason = reason == null ? Optional.empty() : reason;
    }

    /** A remediation that hands nothing off. */
    public RemediationSpec(
            String id,
            String name,
            String description,
            RemediationType type,
            Optional<ActionSpec> action,
            Optional<String> instructions,
            SafetySpec safety,
            List<ExpectSpec> expect,
            SourceLocation location) {
        this(
                id,
                name,
                description,
                type,
                action,
                instructions,
                safety,
                expect,
                location,
                Optional.empty(),
                Optional.empty());
    }
}

package dev.runbookbot.runbook;

import java.util.List;
import java.util.Optional;

/**
 * A remediation the decision tree may propose. Automated ones carry an {@link ActionSpec}; manual ones carry Markdown
 * {@code instructions}; escalations page or post to the escalation targets; a hand-off carries the {@link HandOffSpec}
 * of the runbook the incident continues under; a suppression carries the {@code reason} the alert is expected (a
 * template), and ends the incident with that outcome. Any of them may carry {@link PreconditionSpec preconditions}:
 * a condition that must still hold on fresh diagnostics when it executes, and remediations that must have succeeded
 * first. An automated remediation with {@code forEach} runs its action once per item (every item is shown for
 * approval, approved once); with {@code until} it waits, after the action or after each iteration, until a condition
 * on fresh diagnostics holds.
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
        Optional<String> reason,
        PreconditionSpec preconditions,
        Optional<LoopSpec> forEach,
        Optional<UntilSpec> until) {
    public RemediationSpec {
        expect = List.copyOf(expect);
        handOff = handOff == null ? Optional.empty() : handOff;
        reason = reason == null ? Optional.empty() : reason;
        preconditions = preconditions == null ? PreconditionSpec.none() : preconditions;
        forEach = forEach == null ? Optional.empty() : forEach;
        until = until == null ? Optional.empty() : until;
    }

    /** A remediation that runs its action once, without waiting for a condition. */
    public RemediationSpec(
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
            Optional<String> reason,
            PreconditionSpec preconditions) {
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
                handOff,
                reason,
                preconditions,
                Optional.empty(),
                Optional.empty());
    }

    /** A remediation without preconditions ({@code require}) or ordering ({@code after}), loop or wait. */
    public RemediationSpec(
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
                handOff,
                reason,
                PreconditionSpec.none());
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

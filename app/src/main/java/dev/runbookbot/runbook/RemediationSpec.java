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
 * on fresh diagnostics holds. Build one with {@link #of}, which names every optional part.
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
    /** What a remediation that says nothing of its safety gets: approval not required, not safe for automation. */
    private static final SafetySpec UNSTATED_SAFETY =
            new SafetySpec(false, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT);

    public RemediationSpec {
        expect = List.copyOf(expect);
        handOff = handOff == null ? Optional.empty() : handOff;
        reason = reason == null ? Optional.empty() : reason;
        preconditions = preconditions == null ? PreconditionSpec.none() : preconditions;
        forEach = forEach == null ? Optional.empty() : forEach;
        until = until == null ? Optional.empty() : until;
    }

    /**
     * A remediation {@code id} called {@code name}, of {@code type}, written at {@code location}; every other part is
     * optional and named on the builder (no description, action, instructions, expectations, hand-off, reason,
     * preconditions, loop or wait, and the safety of a remediation that states none, unless set).
     */
    public static Builder of(String id, String name, RemediationType type, SourceLocation location) {
        return new Builder(id, name, type, location);
    }

    /** Names the optional parts of a {@link RemediationSpec}. Not thread-safe; build once. */
    public static final class Builder {
        private final String id;
        private final String name;
        private final RemediationType type;
        private final SourceLocation location;
        private String description = "";
        private Optional<ActionSpec> action = Optional.empty();
        private Optional<String> instructions = Optional.empty();
        private SafetySpec safety = UNSTATED_SAFETY;
        private List<ExpectSpec> expect = List.of();
        private Optional<HandOffSpec> handOff = Optional.empty();
        private Optional<String> reason = Optional.empty();
        private PreconditionSpec preconditions = PreconditionSpec.none();
        private Optional<LoopSpec> forEach = Optional.empty();
        private Optional<UntilSpec> until = Optional.empty();

        private Builder(String id, String name, RemediationType type, SourceLocation location) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.location = location;
        }

        /** What the remediation does, in a sentence shown beside its name. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The action an automated remediation runs. */
        public Builder action(Optional<ActionSpec> action) {
            this.action = action;
            return this;
        }

        /** The Markdown steps of a manual remediation. */
        public Builder instructions(Optional<String> instructions) {
            this.instructions = instructions;
            return this;
        }

        /** Approval, automation and environment scopes. */
        public Builder safety(SafetySpec safety) {
            this.safety = safety;
            return this;
        }

        /** Patterns the action's output must match for it to count as a success. */
        public Builder expect(List<ExpectSpec> expect) {
            this.expect = expect;
            return this;
        }

        /** The runbook a hand-off continues under. */
        public Builder handOff(Optional<HandOffSpec> handOff) {
            this.handOff = handOff;
            return this;
        }

        /** Why a suppressed alert is expected (a template). */
        public Builder reason(Optional<String> reason) {
            this.reason = reason;
            return this;
        }

        /** What must hold, and what must have succeeded, when it executes. */
        public Builder preconditions(PreconditionSpec preconditions) {
            this.preconditions = preconditions;
            return this;
        }

        /** Runs the action once per item. */
        public Builder forEach(Optional<LoopSpec> forEach) {
            this.forEach = forEach;
            return this;
        }

        /** Waits until a condition on fresh diagnostics holds. */
        public Builder until(Optional<UntilSpec> until) {
            this.until = until;
            return this;
        }

        public RemediationSpec build() {
            return new RemediationSpec(
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
                    forEach,
                    until);
        }
    }
}

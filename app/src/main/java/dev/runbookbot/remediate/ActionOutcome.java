package dev.runbookbot.remediate;

/** What an action did: its output text (capped, secrets masked) and whether the target accepted it. */
public sealed interface ActionOutcome {
    String output();

    /** The target accepted the action. Expected-output patterns still decide success (see ExpectationCheck). */
    record Completed(String output) implements ActionOutcome {}

    /** The action could not be carried out; {@code reason} says what happened and what to check. */
    record Failed(String reason, String output) implements ActionOutcome {}
}

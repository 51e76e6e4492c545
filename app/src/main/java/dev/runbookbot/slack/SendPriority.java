package dev.runbookbot.slack;

/**
 * Which Web API call goes first when several wait for the same method and channel: Slack allows about one message per
 * second per channel, so when ten incidents open at once their parent messages go before anyone's thread, and a
 * message with buttons goes before a progress edit that a later edit will replace anyway.
 */
public enum SendPriority {
    /** The parent message of an incident: where everything else about it will live. */
    PARENT,
    /** A message or edit a person acts on or must see: buttons, verdicts, outcomes, final states. */
    ACTION,
    /** An intermediate progress edit, which the next one supersedes. */
    PROGRESS
}

package dev.runbookbot.slack;

/**
 * Receives clicks on one kind of button, registered by its {@code action_id} in {@link
 * dev.runbookbot.slack.SlackHandlers}. Implemented by the incident flow (approve, reject, run, done).
 *
 * <p>Called on a worker thread after Slack has been acknowledged; thread-safe; may do I/O. Buttons whose
 * {@code action_id} has no handler (old messages after an upgrade) never get here: they are acknowledged and the user
 * is told the button is no longer valid. A known {@code action_id} whose value no longer means anything (an expired or
 * finished run) is this handler's to refuse, with an ephemeral explanation.
 */
@FunctionalInterface
public interface ButtonHandler {
    void onClick(ButtonClick click);
}

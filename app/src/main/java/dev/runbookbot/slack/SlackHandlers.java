package dev.runbookbot.slack;

import java.util.Map;
import java.util.Objects;

/**
 * The handlers the Slack adapter dispatches to: one for {@code /runbook}, one per button {@code action_id}, one for
 * the Home tab. A click on a button whose {@code action_id} is not a key of {@code buttons} is answered with "this
 * button is no longer valid".
 *
 * @param commands receives every {@code /runbook} command
 * @param buttons the button handlers by {@code action_id}
 * @param home receives Home tab openings
 */
public record SlackHandlers(SlashCommandHandler commands, Map<String, ButtonHandler> buttons, AppHomeHandler home) {
    public SlackHandlers {
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(home, "home");
        buttons = Map.copyOf(buttons);
    }
}

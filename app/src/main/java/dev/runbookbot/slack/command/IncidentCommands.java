package dev.runbookbot.slack.command;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.ActionAnswer;
import dev.runbookbot.incident.ClickOrigin;
import dev.runbookbot.incident.IncidentAuthority;
import dev.runbookbot.incident.IncidentControl;
import dev.runbookbot.runbook.CatalogReload;
import dev.runbookbot.runbook.CatalogReloads;
import dev.runbookbot.slack.SlashCommand;
import dev.runbookbot.slack.render.Mrkdwn;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code /runbook} commands that change things beyond one run: {@code resolve}, {@code reopen} and {@code
 * escalate} an incident (through {@link IncidentControl}, which checks who may), and {@code reload} the runbooks
 * (approvers only). The answer goes to the person who typed the command; what changed an incident is also said in its
 * thread. Thread-safe.
 */
final class IncidentCommands {
    private final IncidentControl control;
    private final IncidentAuthority authority;
    private final CatalogReloads reloads;

    IncidentCommands(IncidentControl control, IncidentAuthority authority, CatalogReloads reloads) {
        this.control = Objects.requireNonNull(control, "control");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.reloads = Objects.requireNonNull(reloads, "reloads");
    }

    String lifecycle(SlashCommand command, ParsedCommand.Lifecycle request) {
        IncidentId id;
        try {
            id = IncidentId.parse(request.incident());
        } catch (IllegalArgumentException e) {
            return ":warning: " + Mrkdwn.escape(e.getMessage());
        }
        Actor actor = new Actor(command.userId(), command.teamId());
        ActionAnswer answer =
                switch (request.verb()) {
                    case RESOLVE -> control.resolve(id, actor, request.reason(), ClickOrigin.typed());
                    case REOPEN -> control.reopen(id, actor, request.reason());
                    case ESCALATE -> control.escalate(id, actor, request.reason(), ClickOrigin.typed());
                };
        return answer.accepted()
                ? ":white_check_mark: " + Mrkdwn.escape(capitalised(answer.message())) + "."
                : ":no_entry: Not done: " + Mrkdwn.escape(answer.message());
    }

    String reload(SlashCommand command) {
        Optional<String> refusal = authority.reloadRefusal(new Actor(command.userId(), command.teamId()));
        if (refusal.isPresent()) {
            return ":no_entry: Not done: " + Mrkdwn.escape(refusal.get());
        }
        CatalogReload reload = reloads.reload(command.userId());
        String mark = reload.result().equals("ok") ? ":white_check_mark:" : ":warning:";
        return mark + " Runbooks reloaded: " + Mrkdwn.escape(reload.summary()) + "."
                + (reload.refused().isEmpty() ? "" : " `/runbook list` marks the refused files.");
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

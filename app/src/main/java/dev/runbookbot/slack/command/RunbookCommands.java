package dev.runbookbot.slack.command;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentAuthority;
import dev.runbookbot.incident.IncidentControl;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.RunRequest;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.CatalogReloads;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.slack.EphemeralReplies;
import dev.runbookbot.slack.SlashCommand;
import dev.runbookbot.slack.SlashCommandHandler;
import dev.runbookbot.slack.StorageTrouble;
import dev.runbookbot.slack.render.Mrkdwn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /runbook}: starts runbooks through the {@link IncidentService} and answers questions about the catalog and
 * the incident record. A run opens its incident thread in the channel the command was typed in and answers nothing
 * more when that worked; everything else (errors with the closest matches, lists, a runbook, an incident's status,
 * history, help) is answered to the person who typed it only. Everything the person typed and everything read from
 * the record is escaped before it is shown. Called on a worker after the command was acknowledged; thread-safe.
 */
public final class RunbookCommands implements SlashCommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RunbookCommands.class);

    static final String HELP = String.join(
            "\n",
            "*runbook-bot* commands:",
            "`/runbook run <runbook> [key=value ...]` runs a runbook's diagnostics and proposes what to do, in a"
                    + " thread in this channel",
            "`/runbook run <runbook> --step <diagnostic>` runs one diagnostic of it",
            "`/runbook list [tag]` lists the runbooks",
            "`/runbook show <runbook>` shows a runbook's parameters, diagnostics and remediations",
            "`/runbook status [INC-n]` shows the open incidents, or one incident",
            "`/runbook history [n]` shows the last n incidents (10 unless you say)",
            "`/runbook resolve <INC-n> [reason]`, `reopen <INC-n>`, `escalate <INC-n> [reason]` end, reopen or"
                    + " escalate an incident (approvers and the incident's participants)",
            "`/runbook reload` loads the runbooks again (approvers)",
            "`/runbook help` shows this",
            "Values with spaces go in quotes: `reason=\"db is down\"`.");

    private final IncidentService incidents;
    private final Catalog catalog;
    private final CatalogAnswers catalogAnswers;
    private final IncidentRecordAnswers records;
    private final EphemeralReplies replies;
    private final IncidentCommands changes;

    public RunbookCommands(
            IncidentService incidents,
            Catalog catalog,
            IncidentQueries records,
            EphemeralReplies replies,
            IncidentControl control,
            IncidentAuthority authority,
            CatalogReloads reloads) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.catalogAnswers = new CatalogAnswers(catalog);
        this.records = new IncidentRecordAnswers(Objects.requireNonNull(records, "records"));
        this.replies = Objects.requireNonNull(replies, "replies");
        this.changes = new IncidentCommands(control, authority, reloads);
    }

    @Override
    public void onCommand(SlashCommand command) {
        ParsedCommand parsed = CommandGrammar.parse(command.text());
        LOG.info("{} ran /runbook {}", command.userId(), parsed.getClass().getSimpleName());
        Optional<String> answer;
        try {
            answer = answer(command, parsed);
        } catch (RuntimeException e) {
            Optional<String> storage = StorageTrouble.answer(e);
            if (storage.isPresent()) {
                LOG.warn("/runbook {} not done: {}", parsed.getClass().getSimpleName(), e.getMessage());
            } else {
                LOG.error("/runbook {} failed", parsed.getClass().getSimpleName(), e);
            }
            answer = storage.or(
                    () -> Optional.of(":warning: That did not work: runbook-bot hit an internal error (see its log)."));
        }
        answer.ifPresent(text -> replies.reply(
                command.responseUrl(), command.channelId(), command.userId(), "", text, "runbookctl incidents"));
    }

    /** The reply to the person, or empty when the command speaks for itself (a run that opened its thread). */
    Optional<String> answer(SlashCommand command, ParsedCommand parsed) {
        if (parsed instanceof ParsedCommand.Run run) {
            return run(command, run);
        } else if (parsed instanceof ParsedCommand.ListRunbooks list) {
            return Optional.of(catalogAnswers.list(list.tag()));
        } else if (parsed instanceof ParsedCommand.Show show) {
            return Optional.of(catalogAnswers.show(show.runbookId()));
        } else if (parsed instanceof ParsedCommand.Status status) {
            return Optional.of(status.incident().map(records::status).orElseGet(records::openIncidents));
        } else if (parsed instanceof ParsedCommand.History history) {
            return Optional.of(records.history(history.count()));
        } else if (parsed instanceof ParsedCommand.Lifecycle lifecycle) {
            return Optional.of(changes.lifecycle(command, lifecycle));
        } else if (parsed instanceof ParsedCommand.Reload) {
            return Optional.of(changes.reload(command));
        } else if (parsed instanceof ParsedCommand.Invalid invalid) {
            return Optional.of(
                    ":warning: " + Mrkdwn.escape(invalid.problem()) + ". `/runbook help` lists the commands.");
        }
        return Optional.of(HELP);
    }

    private Optional<String> run(SlashCommand command, ParsedCommand.Run run) {
        Optional<RunbookSpec> found = catalog.byId(run.runbookId());
        if (found.isEmpty()) {
            return Optional.of(":warning: Nothing was started: " + catalogAnswers.unknownRunbook(run.runbookId()));
        }
        RunbookSpec runbook = found.get();
        if (run.step().isPresent() && runbook.diagnostic(run.step().get()).isEmpty()) {
            return Optional.of(":warning: Nothing was started: "
                    + unknownStep(runbook, run.step().get()));
        }
        StartResult result = incidents.start(RunRequest.manual(
                runbook.id(),
                run.params(),
                run.step(),
                new Actor(command.userId(), command.teamId()),
                IncidentSource.SLASH_COMMAND,
                command.channelId()));
        if (result instanceof StartResult.Refused refused) {
            String problems =
                    refused.problems().stream().map(Mrkdwn::escape).collect(Collectors.joining("\n• ", "\n• ", ""));
            String suggestions = refused.suggestions().isEmpty()
                    ? ""
                    : "\nDid you mean "
                            + refused.suggestions().stream()
                                    .map(Mrkdwn::inlineCode)
                                    .collect(Collectors.joining(" or "))
                            + "?";
            return Optional.of(":warning: Nothing was started:" + problems + suggestions + "\n`/runbook show "
                    + Mrkdwn.escape(runbook.id()) + "` lists its parameters.");
        }
        StartResult.Started started = (StartResult.Started) result;
        Incident incident = started.incident();
        if (started.duplicate()) {
            return Optional.of(":link: " + incident.id() + " is already open for " + Mrkdwn.inlineCode(runbook.id())
                    + " in " + Mrkdwn.escape(incident.environment()) + ": you joined its thread instead of opening"
                    + " another (`/runbook status " + incident.id() + "`).");
        }
        if (started.thread().filter(post -> post instanceof ChatPost.Pending).isPresent()) {
            return Optional.of(":hourglass_flowing_sand: " + incident.id() + " is open and its diagnostics are"
                    + " running. Slack is not taking messages from runbook-bot right now, so its thread will appear"
                    + " here as soon as Slack does; meanwhile `/runbook status " + incident.id()
                    + "` shows where it stands.");
        }
        if (started.thread().filter(post -> post instanceof ChatPost.Failed).isPresent()) {
            return Optional.of(":warning: " + incident.id() + " is open and its diagnostics are running, but"
                    + " runbook-bot could not post its thread: "
                    + Mrkdwn.escape(started.thread().get().why()) + ". `/runbook status " + incident.id()
                    + "` shows where it stands.");
        }
        if (incident.thread().isEmpty()) {
            return Optional.of(":warning: " + incident.id() + " is open and its diagnostics are running, but"
                    + " runbook-bot could not post its thread in this channel. Invite it by typing"
                    + " `/invite @runbook-bot` here; meanwhile `/runbook status " + incident.id()
                    + "` shows where it stands.");
        }
        return Optional.empty();
    }

    private static String unknownStep(RunbookSpec runbook, String typed) {
        List<String> ids =
                runbook.diagnostics().stream().map(DiagnosticSpec::id).toList();
        List<String> close = ClosestNames.closest(typed, ids, 3);
        String text = "runbook " + Mrkdwn.inlineCode(runbook.id()) + " has no diagnostic " + Mrkdwn.inlineCode(typed);
        if (!close.isEmpty()) {
            return text + "; did you mean "
                    + close.stream().map(Mrkdwn::inlineCode).collect(Collectors.joining(" or ")) + "?";
        }
        return text + "; its diagnostics are "
                + ids.stream().map(Mrkdwn::inlineCode).collect(Collectors.joining(", ")) + ".";
    }
}

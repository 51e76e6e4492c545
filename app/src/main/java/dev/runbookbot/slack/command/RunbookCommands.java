package dev.runbookbot.slack.command;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentAuthority;
import dev.runbookbot.incident.IncidentControl;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.RunRequest;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.CatalogReloads;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RefusedRunbook;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.slack.EphemeralReplies;
import dev.runbookbot.slack.StorageTrouble;
import dev.runbookbot.slack.render.ActorText;
import dev.runbookbot.slack.render.Mrkdwn;
import dev.runbookbot.slack.render.StatusMarks;
import dev.runbookbot.slack.render.UtcTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
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
    static final int STATUS_TIMELINE_ENTRIES = 8;
    static final int OPEN_INCIDENTS_SHOWN = 20;

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
    private final IncidentQueries records;
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
        this.records = Objects.requireNonNull(records, "records");
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
            return Optional.of(list(list.tag()));
        } else if (parsed instanceof ParsedCommand.Show show) {
            return Optional.of(show(show.runbookId()));
        } else if (parsed instanceof ParsedCommand.Status status) {
            return Optional.of(status.incident().map(this::status).orElseGet(this::openIncidents));
        } else if (parsed instanceof ParsedCommand.History history) {
            return Optional.of(history(history.count()));
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
            return Optional.of(":warning: Nothing was started: " + unknownRunbook(run.runbookId()));
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

    private String unknownRunbook(String typed) {
        List<String> close = catalog.suggestIds(typed);
        String text = "no runbook " + Mrkdwn.inlineCode(typed);
        if (close.isEmpty()) {
            return text + ". `/runbook list` shows them all.";
        }
        return text + "; did you mean " + close.stream().map(Mrkdwn::inlineCode).collect(Collectors.joining(" or "))
                + "?";
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

    private String list(Optional<String> tag) {
        List<RunbookSpec> shown = catalog.all().stream()
                .filter(r -> tag.isEmpty() || r.tags().stream().anyMatch(t -> t.equalsIgnoreCase(tag.get())))
                .toList();
        List<RefusedRunbook> refused = catalog.refused();
        if (shown.isEmpty()) {
            if (catalog.all().isEmpty()) {
                return "No runbooks are loaded." + refusedLines(refused);
            }
            TreeSet<String> tags = new TreeSet<>();
            catalog.all().forEach(r -> tags.addAll(r.tags()));
            return "No runbook is tagged " + Mrkdwn.inlineCode(tag.orElse("")) + ". Tags in use: "
                    + tags.stream().map(Mrkdwn::escape).collect(Collectors.joining(", ")) + ".";
        }
        StringBuilder text = new StringBuilder("*Runbooks*")
                .append(tag.map(t -> " tagged " + Mrkdwn.inlineCode(t)).orElse(""))
                .append(" (")
                .append(shown.size())
                .append("):");
        for (RunbookSpec r : shown) {
            text.append("\n• ")
                    .append(Mrkdwn.inlineCode(r.id()))
                    .append(" ")
                    .append(Mrkdwn.escape(r.name()))
                    .append(" · ")
                    .append(r.severity())
                    .append(" · ")
                    .append(Mrkdwn.escape(r.service()));
        }
        return text.append(refusedLines(refused))
                .append("\n`/runbook show <runbook>` for details.")
                .toString();
    }

    /** The files the catalog refused, each marked invalid with its first error and what is served meanwhile. */
    private static String refusedLines(List<RefusedRunbook> refused) {
        StringBuilder text = new StringBuilder();
        for (RefusedRunbook r : refused) {
            text.append("\n:x: ")
                    .append(Mrkdwn.inlineCode(String.valueOf(r.file().getFileName())))
                    .append(" *invalid*: ")
                    .append(Mrkdwn.escape(r.firstError()))
                    .append(r.stillServed()
                            .map(old -> " (still serving its previous version of " + Mrkdwn.inlineCode(old.id()) + ")")
                            .orElse(" (not served)"));
        }
        return text.toString();
    }

    private String show(String typed) {
        Optional<RunbookSpec> found = catalog.byId(typed);
        if (found.isEmpty()) {
            return ":warning: " + unknownRunbook(typed);
        }
        RunbookSpec r = found.get();
        StringBuilder text = new StringBuilder()
                .append("*")
                .append(Mrkdwn.escape(r.name()))
                .append("* ")
                .append(Mrkdwn.inlineCode(r.id()))
                .append(" · ")
                .append(r.severity())
                .append(" · ")
                .append(Mrkdwn.escape(r.service()))
                .append("\n")
                .append(Mrkdwn.escape(r.description()));
        if (!r.parameters().isEmpty()) {
            text.append("\n*Parameters*");
            for (ParameterSpec p : r.parameters()) {
                text.append("\n• ").append(Mrkdwn.inlineCode(p.name()));
                if (p.required()) {
                    text.append(" (required)");
                }
                p.defaultValue().ifPresent(d -> text.append(" default ").append(Mrkdwn.inlineCode(d)));
                if (!p.description().isBlank()) {
                    text.append(": ").append(Mrkdwn.escape(p.description()));
                }
            }
        }
        text.append("\n*Diagnostics* (run in parallel)");
        for (DiagnosticSpec d : r.diagnostics()) {
            text.append("\n• ")
                    .append(Mrkdwn.inlineCode(d.id()))
                    .append(" ")
                    .append(Mrkdwn.escape(d.name()))
                    .append(" (")
                    .append(d.type().yamlName())
                    .append(")");
        }
        text.append("\n*Remediations*");
        for (RemediationSpec m : r.remediations()) {
            text.append("\n• ")
                    .append(Mrkdwn.inlineCode(m.id()))
                    .append(" ")
                    .append(Mrkdwn.escape(m.name()))
                    .append(" (")
                    .append(m.action()
                            .map(a -> a.type().yamlName())
                            .orElse(m.type().name().toLowerCase(Locale.ROOT)))
                    .append(m.safety().needsHuman() ? ", needs approval" : ", safe")
                    .append(")");
        }
        text.append("\nRun it: ").append(Mrkdwn.inlineCode("/runbook run " + r.id()));
        return text.toString();
    }

    private String openIncidents() {
        List<Incident> open = records.incidents(true, OPEN_INCIDENTS_SHOWN);
        if (open.isEmpty()) {
            return "No open incidents.";
        }
        return "*Open incidents*\n" + open.stream().map(RunbookCommands::line).collect(Collectors.joining("\n"));
    }

    private String status(String typed) {
        IncidentId id;
        try {
            id = IncidentId.parse(typed);
        } catch (IllegalArgumentException e) {
            return ":warning: " + Mrkdwn.escape(e.getMessage());
        }
        Optional<Incident> found = records.incident(id);
        if (found.isEmpty()) {
            return ":warning: There is no incident " + id + ". `/runbook history` lists the latest.";
        }
        Incident incident = found.get();
        StringBuilder text = new StringBuilder(line(incident))
                .append("\nTriggered by ")
                .append(ActorText.of(incident.triggeredBy()))
                .append(incident.acknowledgement()
                        .map(a -> " · on it: " + ActorText.of(a.by()))
                        .orElse(""));
        List<RemediationRun> runs = records.runs(id);
        if (!runs.isEmpty()) {
            text.append("\n*Remediations*");
            for (RemediationRun run : runs) {
                text.append("\n")
                        .append(StatusMarks.of(run.state()))
                        .append(" ")
                        .append(Mrkdwn.inlineCode(run.remediationId()))
                        .append(" (")
                        .append(run.id())
                        .append("): ")
                        .append(StatusMarks.words(run.state()));
            }
        }
        List<TimelineEvent> timeline = records.timeline(id);
        if (!timeline.isEmpty()) {
            text.append("\n*Latest in the timeline*");
            for (TimelineEvent event :
                    timeline.subList(Math.max(0, timeline.size() - STATUS_TIMELINE_ENTRIES), timeline.size())) {
                text.append("\n")
                        .append(UtcTime.of(event.at()))
                        .append(" ")
                        .append(ActorText.of(event.actor()))
                        .append(": ")
                        .append(Mrkdwn.escape(event.summary().replace('\n', ' ')));
            }
        }
        return text.append("\nEverything: ")
                .append(Mrkdwn.inlineCode("runbookctl timeline " + id))
                .toString();
    }

    private String history(int count) {
        List<Incident> latest = records.incidents(false, count);
        if (latest.isEmpty()) {
            return "No incidents yet.";
        }
        return "*The last " + latest.size() + " incidents*\n"
                + latest.stream().map(RunbookCommands::line).collect(Collectors.joining("\n"));
    }

    private static String line(Incident i) {
        return StatusMarks.of(i.state()) + " *" + i.id() + "* " + Mrkdwn.escape(i.title()) + " · "
                + StatusMarks.words(i.state()) + " · " + i.severity() + " · " + Mrkdwn.inlineCode(i.runbookId())
                + " · " + Mrkdwn.escape(i.environment()) + " · opened " + UtcTime.of(i.createdAt());
    }
}

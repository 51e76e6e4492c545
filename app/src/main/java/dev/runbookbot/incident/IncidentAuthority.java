package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.remediate.ApproverDirectory;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may act on an incident as a whole (resolve, reopen, escalate, re-run its diagnostics, propose a remediation
 * again) and who may reload the runbooks. Checked every time a command or click arrives, never from what a button
 * showed.
 *
 * <ul>
 *   <li>The actor's team must be the bot's team (when one is configured).
 *   <li>On an incident: its runbook's approvers (else the configured approvers), and, unless turned off, its
 *       participants: who started it, who took it, and everyone recorded acting on it. When nobody is configured as
 *       approver, any member of the team may act, as with approvals.
 *   <li>Reloading the runbooks: the configured approvers (any member of the team when there are none).
 * </ul>
 */
public final class IncidentAuthority {
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,30}");

    private final List<String> defaultApprovers;
    private final String expectedTeamId;
    private final ApproverDirectory directory;
    private final boolean participantsMayAct;

    public IncidentAuthority(
            List<String> defaultApprovers,
            String expectedTeamId,
            ApproverDirectory directory,
            boolean participantsMayAct) {
        this.defaultApprovers = List.copyOf(defaultApprovers);
        this.expectedTeamId = expectedTeamId == null ? "" : expectedTeamId;
        this.directory = directory;
        this.participantsMayAct = participantsMayAct;
    }

    /** Empty when {@code actor} may {@code verb} the incident; otherwise the reason, for the person who asked. */
    public Optional<String> refusal(
            Actor actor, String verb, Incident incident, RunbookSpec runbook, List<TimelineEvent> timeline) {
        Optional<String> team = wrongTeam(actor);
        if (team.isPresent()) {
            return team;
        }
        List<String> approvers = runbook.approval().approvers().isEmpty()
                ? defaultApprovers
                : runbook.approval().approvers();
        if (approvers.isEmpty() || isListed(actor.userId(), approvers)) {
            return Optional.empty();
        }
        if (participantsMayAct && participants(incident, timeline).contains(actor.userId())) {
            return Optional.empty();
        }
        return Optional.of("only the approvers of runbook " + runbook.id() + " ("
                + String.join(", ", approvers) + ")"
                + (participantsMayAct ? " or the people taking part in " + incident.id() : "")
                + " may " + verb + " it");
    }

    /** Empty when {@code actor} may reload the runbooks; otherwise the reason. */
    public Optional<String> reloadRefusal(Actor actor) {
        Optional<String> team = wrongTeam(actor);
        if (team.isPresent()) {
            return team;
        }
        if (defaultApprovers.isEmpty() || isListed(actor.userId(), defaultApprovers)) {
            return Optional.empty();
        }
        return Optional.of("only the approvers (" + String.join(", ", defaultApprovers) + ") may reload the runbooks");
    }

    /** Who started the incident, who took it, and every Slack user recorded acting on it. */
    static Set<String> participants(Incident incident, List<TimelineEvent> timeline) {
        Set<String> people = new LinkedHashSet<>();
        people.add(incident.triggeredBy());
        incident.acknowledgement().ifPresent(ack -> people.add(ack.by()));
        for (TimelineEvent event : timeline) {
            if (SLACK_USER.matcher(event.actor()).matches()) {
                people.add(event.actor());
            }
        }
        return people;
    }

    private Optional<String> wrongTeam(Actor actor) {
        if (!expectedTeamId.isEmpty() && !expectedTeamId.equals(actor.teamId())) {
            return Optional.of("you are not a member of this workspace's team, so you cannot act on its incidents");
        }
        return Optional.empty();
    }

    private boolean isListed(String userId, List<String> approvers) {
        for (String entry : approvers) {
            if (entry.equals(userId)) {
                return true;
            }
            if (entry.startsWith("S") && directory.membersOf(entry).contains(userId)) {
                return true;
            }
        }
        return false;
    }
}

package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One Alertmanager notification is one problem: Alertmanager's grouping is the user's statement of what belongs
 * together, so a group ({@code groupKey}) is one incident, with one thread and one diagnosis, however many alerts it
 * carries (as PagerDuty's Alertmanager integration does). The {@link AlertLedger} remembers each alert of a group.
 *
 * <ul>
 *   <li><b>Stale firings</b> are dropped first: a firing whose {@code startsAt} is not after the latest recorded end of
 *       the same fingerprint is an old notification arriving late (a retry, another Alertmanager of an HA pair). It is
 *       recorded (on the timeline of the incident it belonged to, and in the delivery log) and opens nothing.
 *   <li><b>No open incident for the group</b>: the runbook is chosen from the group's firing alerts in the order
 *       Alertmanager sends them (sorted by labels): the first alert a runbook handles leads, and its labels and
 *       annotations are the run's template context, its fingerprint the incident's dedup key, its summary the title.
 *       Alerts of the group that another runbook would handle stay in this incident (one group, one incident); the
 *       thread names that runbook so a person can run it. When no runbook handles any alert, the first is posted to
 *       the fallback channel, once.
 *   <li><b>Every alert of the group is shown</b>: with more than one alert (or some left out by {@code max_alerts}),
 *       one message in the thread lists them (at most {@value AlertGroupText#MAX_LISTED}, then "N more") and says how many
 *       Alertmanager left out ({@code truncatedAlerts}).
 *   <li><b>Alerts that join later</b> (a new fingerprint in the group, or one firing again) are recorded on the
 *       timeline and announced in the thread in one message per notification; repeats of known alerts are recorded
 *       on the timeline only.
 *   <li><b>Resolution</b>: each resolved alert is recorded; the incident resolves when every alert of it has resolved
 *       and Alertmanager says the group has no firing alert it left out.
 * </ul>
 *
 * <p>Called by {@link AlertRouter#routeGroup} on the group's lane, so one group is handled one notification at a time.
 * Alert text is hostile; it reaches chat only through the gateway, which escapes it. Thread-safe.
 */
final class AlertGroupRouter {
    private final AlertRouter alerts;
    private final Catalog catalog;
    private final IncidentService incidents;
    private final IncidentQueries queries;
    private final AlertLedger ledger;
    private final AlertGroupText wording;

    AlertGroupRouter(
            AlertRouter alerts,
            Catalog catalog,
            IncidentService incidents,
            IncidentQueries queries,
            AlertLedger ledger) {
        this.alerts = alerts;
        this.catalog = catalog;
        this.incidents = incidents;
        this.queries = queries;
        this.ledger = ledger;
        this.wording = new AlertGroupText(catalog);
    }

    /** Handles the alerts of one notification of {@code group}; returns what happened, for the delivery log. */
    String route(AlertGroup group, List<AlertEvent> events) {
        Map<String, GroupedAlert> known = ledger.group(group.key()).stream()
                .collect(Collectors.toMap(
                        GroupedAlert::fingerprint, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        List<AlertEvent> firing = new ArrayList<>();
        List<AlertEvent> resolved = new ArrayList<>();
        List<String> outcome = new ArrayList<>();
        for (AlertEvent event : events) {
            if (event.status() == AlertStatus.RESOLVED) {
                resolved.add(event);
            } else {
                Optional<Instant> end = ledger.lastResolution(event.dedupKey());
                if (end.isPresent() && !event.startsAt().isAfter(end.get())) {
                    outcome.add(stale(event, end.get(), known.get(event.dedupKey())));
                } else {
                    firing.add(event);
                }
            }
        }
        Optional<Incident> open = openIncident(known);
        boolean opened = false;
        if (open.isEmpty() && !firing.isEmpty()) {
            Opening opening = open(group, firing);
            outcome.add(opening.outcome());
            open = opening.incident();
            opened = opening.isNew();
        }
        if (open.isEmpty()) {
            record(group, known, List.of(), resolved, Optional.empty());
            if (!resolved.isEmpty()) {
                outcome.add("resolved; no open incident for group " + group.key());
            }
            return String.join("; ", outcome);
        }
        Incident incident = open.get();
        Changes changes = record(group, known, firing, resolved, Optional.of(incident.id()));
        if (opened) {
            showGroup(incident, group, firing);
        } else {
            announce(incident, group, changes, firing).ifPresent(outcome::add);
        }
        resolveWhenAllResolved(incident, group, resolved).ifPresent(outcome::add);
        return String.join("; ", outcome);
    }

    private record Opening(Optional<Incident> incident, boolean isNew, String outcome) {}

    /** What one notification changed in the ledger: alerts that joined (or fired again) and alerts that ended. */
    private record Changes(List<AlertEvent> joined, List<AlertEvent> ended, int repeats) {}

    private Opening open(AlertGroup group, List<AlertEvent> firing) {
        for (AlertEvent lead : firing) {
            Optional<RunbookSpec> runbook = catalog.forAlert(lead.alertName(), lead.labels());
            if (runbook.isEmpty()) {
                continue;
            }
            StartResult result = alerts.start(lead, runbook.get());
            if (result instanceof StartResult.Refused refused) {
                return new Opening(
                        Optional.empty(),
                        false,
                        alerts.unmatched(lead, AlertRouter.cannotStart(lead, runbook.get(), refused)));
            }
            StartResult.Started started = (StartResult.Started) result;
            if (started.duplicate()) {
                return new Opening(
                        Optional.of(started.incident()),
                        false,
                        "group " + group.key() + " joins " + started.incident().id() + ", open for "
                                + AlertRouter.describe(lead));
            }
            alerts.opened(lead, started.incident());
            return new Opening(
                    Optional.of(started.incident()),
                    true,
                    "opened " + started.incident().id() + " (runbook "
                            + runbook.get().id() + ")"
                            + (firing.size() > 1 ? " for " + firing.size() + " alert(s) of group " + group.key() : ""));
        }
        AlertEvent first = firing.get(0);
        String reason = "no runbook handles " + AlertRouter.describe(first)
                + (firing.size() > 1 ? " or the " + (firing.size() - 1) + " other alert(s) of its group" : "");
        return new Opening(Optional.empty(), false, alerts.unmatched(firing, reason));
    }

    private Changes record(
            AlertGroup group,
            Map<String, GroupedAlert> known,
            List<AlertEvent> firing,
            List<AlertEvent> resolved,
            Optional<IncidentId> incident) {
        List<GroupedAlert> changes = new ArrayList<>();
        List<AlertEvent> joined = new ArrayList<>();
        List<AlertEvent> ended = new ArrayList<>();
        int repeats = 0;
        for (AlertEvent event : firing) {
            GroupedAlert before = known.get(event.dedupKey());
            if (before != null && before.firing() && before.incident().equals(incident)) {
                repeats++;
                continue;
            }
            joined.add(event);
            changes.add(new GroupedAlert(
                    group.key(),
                    event.dedupKey(),
                    event.alertName(),
                    incident,
                    AlertStatus.FIRING,
                    event.startsAt(),
                    Optional.empty()));
        }
        for (AlertEvent event : resolved) {
            GroupedAlert before = known.get(event.dedupKey());
            Instant end = event.occurredAt();
            if (before == null) {
                changes.add(new GroupedAlert(
                        group.key(),
                        event.dedupKey(),
                        event.alertName(),
                        incident,
                        AlertStatus.RESOLVED,
                        event.startsAt(),
                        Optional.of(end)));
            } else if (before.firing()) {
                ended.add(event);
                changes.add(before.resolved(end));
            } else if (before.endedAt().filter(end::isAfter).isPresent()) {
                changes.add(before.resolved(end));
            }
        }
        ledger.record(changes);
        return new Changes(joined, ended, repeats);
    }

    /** The open incident of the group: the newest incident its alerts belong to, if it is still open. */
    private Optional<Incident> openIncident(Map<String, GroupedAlert> known) {
        return known.values().stream()
                .flatMap(alert -> alert.incident().stream())
                .distinct()
                .sorted(Comparator.comparingLong(IncidentId::value).reversed())
                .map(queries::incident)
                .flatMap(Optional::stream)
                .filter(Incident::isOpen)
                .findFirst();
    }

    /** The first message after the thread opened: every alert of the group, when there is more than one. */
    private void showGroup(Incident incident, AlertGroup group, List<AlertEvent> firing) {
        if (firing.size() < 2 && group.truncatedAlerts() == 0) {
            return;
        }
        StringBuilder text = new StringBuilder("This incident covers ")
                .append(firing.size())
                .append(" firing alert(s) of one Alertmanager group:")
                .append(AlertGroupText.list(firing));
        if (group.truncatedAlerts() > 0) {
            text.append("\n").append(group.truncatedAlerts()).append(" more truncated: Alertmanager left them out of");
            text.append(" the notification (max_alerts), so they are not listed.");
        }
        wording.otherRunbooks(incident, firing).ifPresent(text::append);
        incidents.recordAlert(incident, "alertmanager", text.toString(), "", true);
    }

    /** Joins, ends and repeats of an incident that was already open, in one message at most. */
    private Optional<String> announce(Incident incident, AlertGroup group, Changes changes, List<AlertEvent> firing) {
        List<String> said = new ArrayList<>();
        if (!changes.joined().isEmpty()) {
            StringBuilder text = new StringBuilder()
                    .append(changes.joined().size())
                    .append(" alert(s) joined this incident's Alertmanager group:")
                    .append(AlertGroupText.list(changes.joined()));
            wording.otherRunbooks(incident, changes.joined()).ifPresent(text::append);
            said.add(text.toString());
        }
        if (!changes.ended().isEmpty()) {
            long stillFiring = ledger.ofIncident(incident.id()).stream()
                    .filter(GroupedAlert::firing)
                    .count();
            if (stillFiring > 0) {
                said.add(changes.ended().size() + " alert(s) resolved:" + AlertGroupText.list(changes.ended()) + "\n"
                        + stillFiring + " alert(s) of the group still firing.");
            }
        }
        if (!said.isEmpty()) {
            incidents.recordAlert(incident, "alertmanager", String.join("\n", said), "", true);
            return Optional.of("group " + group.key() + " updated on " + incident.id() + ": "
                    + changes.joined().size() + " joined, " + changes.ended().size() + " resolved");
        }
        if (changes.repeats() > 0) {
            String summary = firing.size() == 1
                    ? "alert repeated: " + AlertRouter.describe(firing.get(0)) + " is still firing"
                            + AlertRouter.warnings(firing.get(0))
                    : "alert group repeated: " + firing.size() + " alerts of group " + group.key()
                            + " are still firing";
            incidents.recordAlert(
                    incident, "alertmanager", summary, firing.get(0).rawJson(), false);
            return Optional.of("repeat of " + incident.id());
        }
        return changes.ended().isEmpty() ? Optional.of("no change to " + incident.id()) : Optional.empty();
    }

    private Optional<String> resolveWhenAllResolved(Incident incident, AlertGroup group, List<AlertEvent> resolved) {
        List<GroupedAlert> members = ledger.ofIncident(incident.id());
        boolean leftOutFiring = group.status() == AlertStatus.FIRING && group.truncatedAlerts() > 0;
        if (resolved.isEmpty() || members.stream().anyMatch(GroupedAlert::firing) || leftOutFiring) {
            return Optional.empty();
        }
        Instant end = members.stream()
                .flatMap(alert -> alert.endedAt().stream())
                .max(Instant::compareTo)
                .orElse(resolved.get(0).occurredAt());
        String sentence = members.size() == 1
                ? "Resolved by Alertmanager at " + end + "."
                : "Resolved by Alertmanager at " + end + ": all " + members.size()
                        + " alerts of the group have resolved.";
        return incidents
                .resolveFromAlert(incident.dedupKey().orElseThrow(), IncidentSource.ALERTMANAGER, end, sentence)
                .map(done -> "resolved " + done.id());
    }

    private String stale(AlertEvent event, Instant end, GroupedAlert known) {
        String summary = "stale firing ignored: " + AlertRouter.describe(event) + " started at " + event.startsAt()
                + ", not after its recorded resolution at " + end;
        Optional.ofNullable(known)
                .flatMap(GroupedAlert::incident)
                .flatMap(queries::incident)
                .ifPresent(
                        incident -> incidents.recordAlert(incident, "alertmanager", summary, event.rawJson(), false));
        return summary;
    }
}

package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.incident.ActionAnswer;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.Recorded;
import dev.runbookbot.incident.RunRequest;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns one alert event into what it means for incidents; {@link DurableAlertIntake} calls it on a worker, one event
 * at a time per alert. Every change goes through the {@link IncidentService}.
 *
 * <ul>
 *   <li><b>Firing</b>: the runbook is found by the alert ({@link Catalog#forAlert}: alert name and label matchers) or,
 *       for PagerDuty, by its service and labels ({@link Catalog#forPagerDuty}); the incident starts with the alert's
 *       labels and annotations as the run's template context, its fingerprint (PagerDuty: incident id) as the dedup
 *       key, the environment from the configured label, the title from the {@code summary} annotation (PagerDuty: the
 *       incident title) or else the alert name, in the runbook's {@code escalation.primary} channel. While an incident
 *       with the same key is open the store returns that one: nothing new opens and the repeat is recorded on its
 *       timeline. A firing after the incident was resolved opens a new incident linked to it (the store links it).
 *   <li><b>Resolved</b>: the open incident with the key is resolved once, with a line in its thread; a resolution for
 *       an alert that opened nothing (or was already resolved) changes nothing.
 *   <li><b>PagerDuty acknowledged / reassigned / other</b>: posted in the thread and recorded (other types are only
 *       recorded); an acknowledgement in PagerDuty also acknowledges the incident here, so it does not escalate.
 *   <li><b>No runbook</b> (or the runbook cannot start, for example a required parameter is missing): recorded and
 *       posted once per alert (source and dedup key) to the fallback channel. The delivery log keeps the marker
 *       ({@code unmatched:<source>:<key>}, source {@value #UNMATCHED_SOURCE}), so "once" survives restarts; a marker
 *       recorded but not marked processed (the process died before posting) is posted on the next attempt.
 * </ul>
 *
 * Returns a short outcome for the delivery log. Alert text is hostile: it goes to chat through the gateway, which
 * escapes it, and is never interpreted. Thread-safe.
 */
public final class AlertRouter {
    /** The delivery-log source of the "posted once" markers of alerts no runbook handles. */
    public static final String UNMATCHED_SOURCE = "alert-unmatched";

    static final int MAX_TITLE = 200;
    private static final int MAX_LABELS_SHOWN = 20;

    private final Catalog catalog;
    private final IncidentService incidents;
    private final IncidentQueries queries;
    private final DeliveryLog deliveries;
    private final ChatGateway chat;
    private final AlertRouting routing;
    private final Consumer<Incident> opened;
    private final AlertGroupRouter groups;
    /**
     * Held from reading an alert's "posted once" marker to marking it posted: two notifications of different groups
     * carrying the same unmatched alert are routed on different lanes, and must not both post it.
     */
    private final Object unmatchedLock = new Object();

    /**
     * @param ledger the alerts of Alertmanager groups (which incident each belongs to, which still fire)
     * @param opened told about every incident an alert opened (the escalation timer schedules its deadline)
     */
    public AlertRouter(
            Catalog catalog,
            IncidentService incidents,
            IncidentQueries queries,
            DeliveryLog deliveries,
            AlertLedger ledger,
            ChatGateway chat,
            AlertRouting routing,
            Consumer<Incident> opened) {
        this.catalog = catalog;
        this.incidents = incidents;
        this.queries = queries;
        this.deliveries = deliveries;
        this.chat = chat;
        this.routing = routing;
        this.opened = opened;
        this.groups = new AlertGroupRouter(this, catalog, incidents, queries, ledger);
    }

    /** Handles one event; returns what happened, in a few words, for the delivery log. */
    public String route(AlertEvent event) {
        return switch (event.status()) {
            case FIRING -> fire(event);
            case RESOLVED -> resolve(event);
            case ACKNOWLEDGED -> acknowledged(event);
            case REASSIGNED -> updated(event, "reassigned in PagerDuty" + assignees(event), true);
            case OTHER -> updated(event, "PagerDuty " + event.eventType(), false);
        };
    }

    /**
     * Handles the alerts of one Alertmanager notification together, as one group ({@link AlertGroupRouter}); events
     * without a group (PagerDuty) are handled one by one.
     */
    public String routeGroup(List<AlertEvent> events) {
        Optional<AlertGroup> group =
                events.isEmpty() ? Optional.empty() : events.get(0).group();
        if (group.isEmpty() || !events.stream().allMatch(e -> e.group().equals(group))) {
            return events.stream().map(this::route).collect(Collectors.joining("; "));
        }
        return groups.route(group.get(), events);
    }

    private String fire(AlertEvent event) {
        Optional<RunbookSpec> runbook = event.runbookIn(catalog);
        if (runbook.isEmpty()) {
            return unmatched(event, "no runbook handles " + describe(event));
        }
        StartResult result = start(event, runbook.get());
        if (result instanceof StartResult.Refused refused) {
            return unmatched(event, cannotStart(event, runbook.get(), refused));
        }
        StartResult.Started started = (StartResult.Started) result;
        Incident incident = started.incident();
        if (started.duplicate()) {
            incidents.recordAlert(
                    incident,
                    actor(event),
                    "alert repeated: " + describe(event) + " is still firing" + warnings(event),
                    event.rawJson(),
                    false);
            return "repeat of " + incident.id();
        }
        opened(event, incident);
        return "opened " + incident.id() + " (runbook " + runbook.get().id() + ")";
    }

    static String cannotStart(AlertEvent event, RunbookSpec runbook, StartResult.Refused refused) {
        return "runbook " + runbook.id() + " cannot start for " + describe(event) + ": "
                + String.join("; ", refused.problems());
    }

    /** A new incident {@code event} opened: its warnings go on the timeline, and the escalation timer is told. */
    void opened(AlertEvent event, Incident incident) {
        for (String warning : event.warnings()) {
            incidents.recordAlert(incident, actor(event), warning, "", true);
        }
        opened.accept(incident);
    }

    /**
     * Starts {@code runbook} for {@code event}: its labels and annotations are the run's template context, its dedup
     * key the incident's, its environment label the environment, its summary the title.
     */
    StartResult start(AlertEvent event, RunbookSpec runbook) {
        RunRequest request = RunRequest.of(
                        runbook.id(), Actor.system(actor(event)), event.source().incidentSource())
                .labels(event.labels())
                .annotations(event.annotations())
                .dedupKey(event.dedupKey())
                .environment(Optional.ofNullable(event.labels().get(routing.environmentLabel()))
                        .filter(env -> !env.isBlank()))
                .title(title(event))
                .build();
        return incidents.start(request);
    }

    private String resolve(AlertEvent event) {
        String sentence = event.resolution();
        return incidents
                .resolveFromAlert(event.dedupKey(), event.source().incidentSource(), event.occurredAt(), sentence)
                .map(incident -> "resolved " + incident.id())
                .orElse("resolved; no open incident for " + describe(event));
    }

    private String acknowledged(AlertEvent event) {
        Optional<Incident> incident = openIncident(event);
        if (incident.isEmpty()) {
            return "acknowledged in PagerDuty; no open incident for " + describe(event);
        }
        incidents.recordAlert(
                incident.get(),
                actor(event),
                "Acknowledged in PagerDuty" + event.agent() + " at " + event.occurredAt() + ".",
                event.rawJson(),
                true);
        ActionAnswer answer = incidents.acknowledge(incident.get().id(), Actor.system(actor(event)));
        return "acknowledged " + incident.get().id() + (answer.accepted() ? "" : " (" + answer.message() + ")");
    }

    private String updated(AlertEvent event, String what, boolean inThread) {
        Optional<Incident> incident = openIncident(event);
        if (incident.isEmpty()) {
            return what + "; no open incident for " + describe(event);
        }
        String sentence = Character.toUpperCase(what.charAt(0)) + what.substring(1) + event.agent() + " at "
                + event.occurredAt() + ".";
        incidents.recordAlert(incident.get(), actor(event), sentence, event.rawJson(), inThread);
        return what + ": recorded on " + incident.get().id();
    }

    private Optional<Incident> openIncident(AlertEvent event) {
        return queries.openIncidentByDedupKey(event.dedupKey())
                .filter(incident -> incident.source() == event.source().incidentSource());
    }

    /**
     * Records the alerts of one notification that no runbook handles and posts those not posted before to the fallback
     * channel, in one message: once per alert (source and dedup key), however often the group is notified.
     */
    String unmatched(List<AlertEvent> events, String reason) {
        synchronized (unmatchedLock) {
            return unmatchedOnce(events, reason);
        }
    }

    private String unmatchedOnce(List<AlertEvent> events, String reason) {
        if (events.size() == 1) {
            return unmatchedOnce(events.get(0), reason);
        }
        List<AlertEvent> untold = new java.util.ArrayList<>();
        List<String> keys = new java.util.ArrayList<>();
        for (AlertEvent event : events) {
            String key = "unmatched:" + actor(event) + ":" + event.dedupKey();
            Recorded<InboundDelivery> marker = deliveries.recordDelivery(key, UNMATCHED_SOURCE, event.rawJson());
            if (!(marker.duplicate() && marker.value().processedAt().isPresent())) {
                untold.add(event);
                keys.add(key);
            }
        }
        if (untold.isEmpty()) {
            return reason + " (told before)";
        }
        String outcome;
        if (routing.fallbackChannel().isEmpty()) {
            outcome = "recorded; no fallback channel is configured";
        } else {
            String channel = routing.fallbackChannel().get();
            StringBuilder text = new StringBuilder(fallbackText(untold.get(0), reason));
            untold.stream().skip(1).limit(MAX_LABELS_SHOWN).forEach(other -> text.append("\nAlso: ")
                    .append(describe(other))
                    .append(": ")
                    .append(labelLine(other)));
            if (untold.size() > MAX_LABELS_SHOWN + 1) {
                text.append("\n... and ")
                        .append(untold.size() - MAX_LABELS_SHOWN - 1)
                        .append(" more");
            }
            ChatPost post = chat.post(channel, text.toString());
            outcome = post instanceof ChatPost.Posted
                    ? "posted to " + channel
                    : "could not post to " + channel + ": "
                            + (post instanceof ChatPost.NotInChannel n ? n.hint() : ((ChatPost.Failed) post).reason());
        }
        for (String key : keys) {
            deliveries.markDeliveryProcessed(key, outcome);
        }
        return reason + "; " + untold.size() + " alert(s) " + outcome;
    }

    /** Records the alert and posts it to the fallback channel, once per source and dedup key. */
    String unmatched(AlertEvent event, String reason) {
        synchronized (unmatchedLock) {
            return unmatchedOnce(event, reason);
        }
    }

    private String unmatchedOnce(AlertEvent event, String reason) {
        String key = "unmatched:" + actor(event) + ":" + event.dedupKey();
        Recorded<InboundDelivery> marker = deliveries.recordDelivery(key, UNMATCHED_SOURCE, event.rawJson());
        if (marker.duplicate() && marker.value().processedAt().isPresent()) {
            return reason + " (told before: " + marker.value().outcome().orElse("recorded") + ")";
        }
        if (routing.fallbackChannel().isEmpty()) {
            deliveries.markDeliveryProcessed(key, "recorded; no fallback channel is configured");
            return reason + "; recorded (no fallback channel is configured)";
        }
        String channel = routing.fallbackChannel().get();
        ChatPost post = chat.post(channel, fallbackText(event, reason));
        String outcome = post instanceof ChatPost.Posted
                ? "posted to " + channel
                : "could not post to " + channel + ": " + post.why();
        deliveries.markDeliveryProcessed(key, outcome);
        return reason + "; " + outcome;
    }

    private static String labelLine(AlertEvent event) {
        return event.labels().entrySet().stream()
                .limit(MAX_LABELS_SHOWN)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private String fallbackText(AlertEvent event, String reason) {
        String labels = labelLine(event);
        StringBuilder text = new StringBuilder("Alert without a runbook: ")
                .append(reason)
                .append(". It was recorded; no incident was opened.");
        if (!labels.isEmpty()) {
            text.append("\nLabels: ").append(labels);
            if (event.labels().size() > MAX_LABELS_SHOWN) {
                text.append(", ... (")
                        .append(event.labels().size() - MAX_LABELS_SHOWN)
                        .append(" more)");
            }
        }
        event.generatorUrl().ifPresent(url -> text.append("\nSource: ").append(url));
        text.append('\n').append(event.howToHandle());
        return text.toString();
    }

    static String describe(AlertEvent event) {
        return event.describe();
    }

    private static Optional<String> title(AlertEvent event) {
        String raw = event.title().orElse(event.alertName()).strip();
        int newline = raw.indexOf('\n');
        String line = (newline >= 0 ? raw.substring(0, newline) : raw).strip();
        if (line.length() > MAX_TITLE) {
            line = line.substring(0, MAX_TITLE - 1) + "…";
        }
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }

    static String warnings(AlertEvent event) {
        return event.warnings().isEmpty() ? "" : " (" + String.join("; ", event.warnings()) + ")";
    }

    private static String assignees(AlertEvent event) {
        return Optional.ofNullable(event.annotations().get("assignees"))
                .map(names -> " to " + names)
                .orElse("");
    }

    static String actor(AlertEvent event) {
        return event.source().name().toLowerCase(Locale.ROOT);
    }
}

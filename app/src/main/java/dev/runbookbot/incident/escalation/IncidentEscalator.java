package dev.runbookbot.incident.escalation;

import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.remediate.Page;
import dev.runbookbot.remediate.PageResult;
import dev.runbookbot.remediate.Pager;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gets more people onto an incident, in the two ways an incident escalates:
 *
 * <ul>
 *   <li>{@link #escalateIfDue}: the escalation timer fired and nobody acknowledged. The store applies the escalation
 *       as a compare-and-set (refused when someone acknowledged, it resolved, or it already escalated, so two timers
 *       racing escalate once); then the runbook's {@code escalation.secondary} channel gets a message with a link to
 *       the thread, the pager (when one is configured) gets a page, and the thread says what was done.
 *   <li>{@link #escalate}: an {@code escalate} remediation. It pages when a pager is configured; otherwise, or when
 *       the page fails, it posts to the escalation channel ({@code secondary}, else {@code primary}).
 * </ul>
 *
 * Pages use the incident id as their dedup key, so a timer escalation and an escalate remediation of the same incident
 * are one page. Every attempt, reached or not, goes on the incident's timeline. Blocks for the chat and paging calls:
 * call it from a worker or the escalation timer's thread. Thread-safe.
 */
public final class IncidentEscalator {
    static final int MAX_SUMMARY = 1_000;

    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final Optional<Pager> pager;
    private final Clock clock;

    public IncidentEscalator(
            Catalog catalog, IncidentStore store, ChatGateway chat, Optional<Pager> pager, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.chat = chat;
        this.pager = pager;
        this.clock = clock;
    }

    /**
     * Escalates {@code id} if its escalation deadline has passed and nobody acknowledged it. Returns the escalated
     * incident, or empty when nothing was due (acknowledged, resolved, already escalated, not yet due, unknown).
     */
    public Optional<Incident> escalateIfDue(IncidentId id) {
        Optional<Incident> before = store.incident(id);
        if (before.isEmpty() || before.get().escalationDeadline().isEmpty()) {
            return Optional.empty();
        }
        Duration waited = Duration.between(
                before.get().createdAt(), before.get().escalationDeadline().get());
        String why = "nobody acknowledged it within " + minutes(waited);
        TransitionResult<Incident> escalated = store.escalate(id, IncidentService.BOT, why);
        if (escalated.appliedValue().isEmpty()) {
            return Optional.empty();
        }
        Incident incident = escalated.appliedValue().get();
        Optional<RunbookSpec> runbook = catalog.byId(incident.runbookId());
        Optional<String> secondary = runbook.flatMap(r -> r.escalation().secondary());
        String where = threadLink(incident);
        List<String> done = new ArrayList<>();
        if (secondary.isPresent()) {
            String text = incident.id() + " has not been acknowledged within " + minutes(waited) + ": "
                    + describe(incident) + ". Thread: " + where;
            done.add(post(incident, secondary.get(), text));
        }
        pager.ifPresent(p -> done.add(page(incident, p, why, where)));
        if (done.isEmpty()) {
            done.add("nobody else was told: the runbook has no escalation.secondary and no pager is configured");
            record(incident, done.get(0));
        }
        chat.note(
                incident,
                "Nobody acknowledged this incident within " + minutes(waited) + ": " + String.join("; ", done) + ".");
        runbook.ifPresent(r -> chat.showIncident(incident, r));
        return Optional.of(incident);
    }

    /**
     * The same, for the incident with this id (read from the store, as it is now); refused in the report when there
     * is no such incident.
     */
    public EscalationReport escalate(IncidentId id, RunbookSpec runbook, String actor, String reason) {
        return store.incident(id)
                .map(incident -> escalate(incident, runbook, actor, reason))
                .orElseGet(() -> new EscalationReport(false, "no incident " + id));
    }

    /**
     * An {@code escalate} remediation of {@code incident}: a page when a pager is configured; a message in the
     * escalation channel when not, or when the page failed. Says who was reached; the incident's state is left as it
     * is (the remediation's run records the outcome).
     */
    public EscalationReport escalate(Incident incident, RunbookSpec runbook, String actor, String reason) {
        String where = threadLink(incident);
        List<String> done = new ArrayList<>();
        boolean reached = false;
        if (pager.isPresent()) {
            PageResult result = pager.get().page(page(incident, reason, where));
            reached = result instanceof PageResult.Paged;
            done.add(describe(pager.get(), result));
            record(incident, actor + " asked to escalate: " + done.get(0));
        }
        if (!reached) {
            String channel =
                    runbook.escalation().secondary().orElse(runbook.escalation().primary());
            String text =
                    incident.id() + " needs more hands (" + reason + "): " + describe(incident) + ". Thread: " + where;
            ChatPost post = chat.post(channel, text);
            reached = post instanceof ChatPost.Posted;
            String outcome = postOutcome(channel, post);
            done.add(outcome);
            record(incident, actor + " asked to escalate: " + outcome);
        }
        return new EscalationReport(reached, String.join("; ", done));
    }

    private String post(Incident incident, String channel, String text) {
        String outcome = postOutcome(channel, chat.post(channel, text));
        record(incident, outcome);
        return outcome;
    }

    private String page(Incident incident, Pager p, String why, String where) {
        String outcome = describe(p, p.page(page(incident, why, where)));
        record(incident, outcome);
        return outcome;
    }

    private Page page(Incident incident, String why, String where) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("incident", incident.id().toString());
        details.put("runbook", incident.runbookId());
        details.put("environment", incident.environment());
        details.put("state", incident.state().name().toLowerCase(Locale.ROOT));
        details.put("why", why);
        details.put("thread", where);
        String summary = incident.id() + ": " + incident.title();
        return new Page(
                incident.id().toString(),
                summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…",
                incident.severity(),
                incident.service(),
                incident.thread().flatMap(chat::link),
                details);
    }

    private static String describe(Pager pager, PageResult result) {
        return result instanceof PageResult.Paged
                ? "paged " + pager.name() + " (" + result.describe() + ")"
                : "could not page " + pager.name() + ": " + result.describe();
    }

    private static String postOutcome(String channel, ChatPost post) {
        if (post instanceof ChatPost.Posted) {
            return "posted to " + channel;
        }
        return "could not post to " + channel + ": " + post.why();
    }

    private String threadLink(Incident incident) {
        return incident.thread()
                .map(thread -> chat.link(thread).orElse("message " + thread.ts() + " in " + thread.channel()))
                .orElse("none was posted (see /runbook status " + incident.id() + ")");
    }

    private static String describe(Incident incident) {
        return incident.title() + " (" + incident.severity() + ", " + incident.service() + ", " + incident.environment()
                + ")";
    }

    private void record(Incident incident, String summary) {
        store.append(NewTimelineEvent.of(
                incident.id(), clock.instant(), TimelineKind.ESCALATION, IncidentService.BOT, summary, ""));
    }

    private static String minutes(Duration waited) {
        long minutes = waited.toMinutes();
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}

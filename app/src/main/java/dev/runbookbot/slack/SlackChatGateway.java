package dev.runbookbot.slack;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.ChatPlacements;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.slack.render.IncidentMessage;
import dev.runbookbot.slack.render.MessageBuilder;
import dev.runbookbot.slack.render.Mrkdwn;
import dev.runbookbot.slack.render.SlackMessage;
import dev.runbookbot.slack.render.ThreadReplyMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident conversation in Slack, over {@link SlackWebApi}, in two posts per incident: the parent message (posted
 * once, then edited on every change of state) and one reply in its thread that is edited as the diagnosis, the verdict
 * and the proposed remediations (with their buttons) arrive; further posts only for notes a person must see (outcomes,
 * escalations, refusals worth recording). Slack allows about one message per second per channel, so ten incidents at
 * once cost twenty posts, parents first ({@link SendPriority}).
 *
 * <p>Each incident's messages are an {@link IncidentThread}: durable, retried while Slack rate limits, fails or does not
 * answer, delivered in order (nothing before its parent), the latest content winning. {@link #openThread} makes the
 * first try at once; when Slack does not take it, the answer is {@link ChatPost.Pending} and the place is reported
 * later through {@link ChatPlacements}. Only a channel the bot is not in comes back as {@link ChatPost.NotInChannel}
 * with how to invite it. Edits go through the {@link MessageUpdateCoalescer}. Remediation states are rendered from the
 * record as it is when the edit is submitted ({@link IncidentQueries}), so two threads that report changes in a race
 * cannot leave an older state on screen.
 *
 * <p>All text that reaches Slack is escaped (alert text, command output, notes) and posted with unfurling off. Failures
 * are logged and returned, never thrown. Thread-safe.
 */
public final class SlackChatGateway implements ChatGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SlackChatGateway.class);

    private final SlackWebApi api;
    private final IncidentQueries records;
    private final ThreadDelivery delivery;
    private final Map<IncidentId, IncidentThread> threads = new ConcurrentHashMap<>();

    /**
     * @param updates edits posted messages; owned by the caller
     * @param records reads the current incident and run when an edit is rendered
     * @param sender delivers messages off the caller's thread; owned by the caller
     * @param timer schedules the next try of a message Slack did not take; owned by the caller
     * @param placements hears where messages that were delivered late landed
     */
    public SlackChatGateway(
            SlackWebApi api,
            MessageUpdateCoalescer updates,
            IncidentQueries records,
            Executor sender,
            ScheduledExecutorService timer,
            ChatPlacements placements,
            DeliveryBackoff backoff) {
        this.api = Objects.requireNonNull(api, "api");
        this.records = Objects.requireNonNull(records, "records");
        this.delivery = new ThreadDelivery(
                api,
                Objects.requireNonNull(updates, "updates"),
                Objects.requireNonNull(placements, "placements"),
                Objects.requireNonNull(sender, "sender"),
                Objects.requireNonNull(timer, "timer"),
                Objects.requireNonNull(backoff, "backoff"),
                this::recordedDiagnosis,
                this::retireIfSettled);
    }

    @Override
    public ChatPost openThread(String channel, Incident incident, RunbookSpec runbook) {
        IncidentThread known = threads.get(incident.id());
        if (known != null && !known.isAbandoned()) {
            // asked again (a start finished after a restart): never a second parent for one incident
            return known.parentLocation()
                    .<ChatPost>map(ChatPost.Posted::new)
                    .orElseGet(() -> new ChatPost.Pending("the parent of " + incident.id() + " is still on its way"));
        }
        IncidentThread thread =
                new IncidentThread(delivery, incident, runbook, channel, IncidentMessage.render(incident, runbook));
        threads.put(incident.id(), thread);
        ChatPost post = thread.open();
        if (thread.isAbandoned()) {
            threads.remove(incident.id(), thread);
        }
        return post;
    }

    @Override
    public void showIncident(Incident incident, RunbookSpec runbook) {
        Incident current = records.incident(incident.id())
                .filter(stored -> !stored.updatedAt().isBefore(incident.updatedAt()))
                .orElse(incident);
        thread(current, runbook).ifPresent(thread -> {
            thread.showParent(current, IncidentMessage.render(current, runbook), !current.isOpen());
            retireIfSettled(current.id(), thread);
        });
    }

    @Override
    public void showDiagnosis(
            Incident incident, RunbookSpec runbook, List<DiagnosticResult> results, int total, boolean finished) {
        thread(incident, runbook)
                .ifPresent(thread ->
                        thread.showDiagnosis(incident, new ThreadReplyMessage.Diagnosis(results, total, finished)));
    }

    @Override
    public void showLastTimes(Incident incident, RunbookSpec runbook, String text) {
        thread(incident, runbook).ifPresent(thread -> thread.showLastTimes(incident, text));
    }

    @Override
    public void showPlan(Incident incident, RunbookSpec runbook, Plan plan) {
        thread(incident, runbook).ifPresent(thread -> thread.showPlan(incident, plan));
    }

    @Override
    public ChatPost showRemediation(RemediationView view) {
        RemediationRun current = records.run(view.run().id())
                .filter(stored -> version(stored) >= version(view.run()))
                .orElse(view.run());
        RemediationView shown =
                new RemediationView(view.incident(), view.runbook(), view.remediation(), current, view.chosenBy());
        boolean known = threads.containsKey(view.incident().id());
        Optional<IncidentThread> thread = thread(view.incident(), view.runbook());
        if (thread.isEmpty()) {
            return new ChatPost.Failed(view.incident().id() + " has no thread to show " + current.label() + " in");
        }
        List<RemediationView> others = List.of();
        if (!known && current.message().isPresent()) {
            // shown by an earlier process: edit that reply, with every run it showed, instead of posting another
            thread.get().adoptReply(current.message().get());
            others = earlierRuns(view, current.message().get());
        }
        return thread.get().showRemediation(shown, others);
    }

    @Override
    public void note(Incident incident, String text) {
        catalogLess(incident).ifPresent(thread -> thread.note(plain(IncidentMessage.fullRecord(incident), text)));
    }

    @Override
    public Optional<ChatLocation> placeOf(IncidentId incident) {
        return Optional.ofNullable(threads.get(incident)).flatMap(IncidentThread::parentLocation);
    }

    @Override
    public Optional<ChatLocation> placeOf(RunId run) {
        for (IncidentThread thread : threads.values()) {
            Optional<ChatLocation> at = thread.runLocation(run);
            if (at.isPresent()) {
                return at;
            }
        }
        return Optional.empty();
    }

    @Override
    public ChatPost post(String channel, String text) {
        return posted(api.postMessage(channel, null, plain("runbookctl incidents", text)), channel);
    }

    @Override
    public void tell(String channel, String userId, String text) {
        SlackResult<String> result = api.postEphemeral(channel, userId, null, plain("runbookctl incidents", text));
        if (!result.isOk()) {
            LOG.warn("Could not tell {} something in {}: {}", userId, channel, result.describe());
        }
    }

    /** Slack's permalink of the message ({@code chat.getPermalink}); empty when Slack does not give one. */
    @Override
    public Optional<String> link(ChatLocation location) {
        SlackResult<String> result = api.permalink(ref(location));
        if (result instanceof SlackResult.Ok<String> ok
                && ok.value() != null
                && !ok.value().isBlank()) {
            return Optional.of(ok.value());
        }
        LOG.debug("No permalink for {}: {}", location, result.describe());
        return Optional.empty();
    }

    /**
     * The messages of {@code incident}: those this process is delivering, or, for a thread posted by an earlier
     * process, a new delivery that edits what is there. Empty when the incident has no thread (its channel is closed
     * to the bot).
     */
    private Optional<IncidentThread> thread(Incident incident, RunbookSpec runbook) {
        IncidentThread known = threads.get(incident.id());
        if (known != null) {
            known.useRunbook(runbook);
            return known.isAbandoned() ? Optional.empty() : Optional.of(known);
        }
        Optional<ChatLocation> posted =
                incident.thread().or(() -> records.incident(incident.id()).flatMap(Incident::thread));
        if (posted.isEmpty()) {
            LOG.debug("{} has no thread; nothing is shown", incident.id());
            return Optional.empty();
        }
        return Optional.of(threads.computeIfAbsent(
                incident.id(), id -> new IncidentThread(delivery, incident, runbook, posted.get())));
    }

    /** As {@link #thread}, for a note, which needs no runbook when the thread is known. */
    private Optional<IncidentThread> catalogLess(Incident incident) {
        IncidentThread known = threads.get(incident.id());
        if (known != null) {
            return known.isAbandoned() ? Optional.empty() : Optional.of(known);
        }
        Optional<ChatLocation> posted =
                incident.thread().or(() -> records.incident(incident.id()).flatMap(Incident::thread));
        return posted.map(
                at -> threads.computeIfAbsent(incident.id(), id -> new IncidentThread(delivery, incident, null, at)));
    }

    /** The diagnosis and decisions of {@code incident} as its timeline has them, one line each. */
    private List<String> recordedDiagnosis(IncidentId incident) {
        return records.timeline(incident).stream()
                .filter(e -> e.kind() == TimelineKind.DIAGNOSTIC || e.kind() == TimelineKind.DECISION)
                .map(TimelineEvent::summary)
                .toList();
    }

    /** The other runs shown in the reply at {@code at} by an earlier process, as they now stand. */
    private List<RemediationView> earlierRuns(RemediationView view, ChatLocation at) {
        List<RemediationView> earlier = new ArrayList<>();
        for (RemediationRun run : records.runs(view.incident().id())) {
            if (!run.id().equals(view.run().id())
                    && run.message().filter(at::equals).isPresent()) {
                view.runbook()
                        .remediation(run.remediationId())
                        .ifPresent(spec ->
                                earlier.add(new RemediationView(view.incident(), view.runbook(), spec, run, "")));
            }
        }
        return earlier;
    }

    /**
     * Forgets a thread whose incident has ended and whose messages are all out (asked when the incident is shown, and
     * by the thread when its last post is done), so that memory holds only the threads of open incidents and of those
     * still delivering; a later message of it adopts the thread again.
     */
    private void retireIfSettled(IncidentId id, IncidentThread thread) {
        if (thread.isSettled()) {
            threads.remove(id, thread);
        }
    }

    /** How many incidents' threads this gateway holds in memory: the open ones and those still delivering. */
    int threadsHeld() {
        return threads.size();
    }

    /** A message of text that is not the bot's own (it may quote command output): escaped, cut to fit. */
    private static SlackMessage plain(String fullRecord, String text) {
        return MessageBuilder.message(fullRecord)
                .mrkdwnSection(Mrkdwn.escape(text))
                .build(text);
    }

    private static ChatPost posted(SlackResult<MessageRef> result, String channel) {
        if (result instanceof SlackResult.Ok<MessageRef> ok) {
            return new ChatPost.Posted(ok.value().location());
        }
        if (result instanceof SlackResult.ChannelUnavailable<MessageRef> unavailable) {
            return new ChatPost.NotInChannel(channel, inviteHint(channel, unavailable.error()));
        }
        LOG.warn("Posting in {} failed: {}", channel, result.describe());
        return new ChatPost.Failed(result.describe());
    }

    /** What to do about a channel the bot cannot post in, in plain words (the core may quote it anywhere). */
    static String inviteHint(String channel, String error) {
        String why = error.equals("channel_not_found")
                ? "the channel does not exist, or it is private and runbook-bot is not in it"
                : "runbook-bot is not a member of the channel";
        return why + ". Invite it by typing /invite @runbook-bot in " + channel + ", then run the command again";
    }

    private static MessageRef ref(ChatLocation location) {
        return new MessageRef(location.channel(), location.ts());
    }

    /** Grows with every change of a run: transitions and approvals are only ever appended. */
    private static int version(RemediationRun run) {
        return run.transitions().size() + run.approvals().size();
    }
}

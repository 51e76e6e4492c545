package dev.runbookbot.slack;

import dev.runbookbot.decide.Plan;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.ChatLocation;
import dev.runbookbot.incident.ChatPost;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentId;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.RemediationRun;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.incident.RunId;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.slack.render.DiagnosisMessage;
import dev.runbookbot.slack.render.IncidentMessage;
import dev.runbookbot.slack.render.MessageBuilder;
import dev.runbookbot.slack.render.Mrkdwn;
import dev.runbookbot.slack.render.PlanMessage;
import dev.runbookbot.slack.render.RemediationMessage;
import dev.runbookbot.slack.render.SlackMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident conversation in Slack, over {@link SlackWebApi}: the parent message (posted once, then edited on every
 * change of state), the thread's progress message (one per incident, edited as diagnostics finish), the plan, one
 * message per remediation run (edited in place as it is decided and carried out) and notes.
 *
 * <p>Edits go through the {@link MessageUpdateCoalescer}, so a message is edited at most once per interval, never by
 * two threads at once, and the last content wins. The parent and remediation messages are rendered from the record as
 * it is when the edit is submitted ({@link IncidentQueries}), under a per-message lock, so two threads that report
 * changes in a race cannot leave an older state on screen. The progress message is posted from the {@code posts}
 * executor, so a diagnostic's thread never waits on Slack; its final content is delivered before {@link #showDiagnosis}
 * returns with {@code finished}, so the plan always comes after it in the thread.
 *
 * <p>All text that reaches Slack is escaped (alert text, command output, notes) and posted with unfurling off. A
 * channel the bot is not in comes back as {@link ChatPost.NotInChannel} with how to invite it; other failures are
 * logged and returned, never thrown. Thread-safe.
 */
public final class SlackChatGateway implements ChatGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SlackChatGateway.class);
    private static final int LOCK_STRIPES = 64;
    /** The longest the final progress update is waited for (Slack's rate limits included). */
    private static final Duration FINAL_DELIVERY = Duration.ofMinutes(2);

    private final SlackWebApi api;
    private final MessageUpdateCoalescer updates;
    private final IncidentQueries records;
    private final Executor posts;
    private final Object[] stripes = new Object[LOCK_STRIPES];
    private final Map<IncidentId, ProgressMessage> progress = new ConcurrentHashMap<>();
    /** Remediation messages this process posted, for edits that arrive before the store knows the message. */
    private final Map<RunId, ChatLocation> postedRuns = new ConcurrentHashMap<>();

    /**
     * @param updates edits posted messages; owned by the caller
     * @param records reads the current incident and run when an edit is rendered
     * @param posts posts progress messages off the caller's thread; owned by the caller
     */
    public SlackChatGateway(SlackWebApi api, MessageUpdateCoalescer updates, IncidentQueries records, Executor posts) {
        this.api = Objects.requireNonNull(api, "api");
        this.updates = Objects.requireNonNull(updates, "updates");
        this.records = Objects.requireNonNull(records, "records");
        this.posts = Objects.requireNonNull(posts, "posts");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public ChatPost openThread(String channel, Incident incident, RunbookSpec runbook) {
        return posted(api.postMessage(channel, null, IncidentMessage.render(incident, runbook)), channel);
    }

    @Override
    public void showIncident(Incident incident, RunbookSpec runbook) {
        Optional<ChatLocation> thread = incident.thread();
        if (thread.isEmpty()) {
            return;
        }
        MessageRef ref = ref(thread.get());
        synchronized (stripe(ref)) {
            Incident current = records.incident(incident.id())
                    .filter(stored -> !stored.updatedAt().isBefore(incident.updatedAt()))
                    .orElse(incident);
            updates.submit(ref, IncidentMessage.render(current, runbook));
            if (!current.isOpen()) {
                updates.flush(ref);
            }
        }
    }

    @Override
    public void showDiagnosis(
            Incident incident, RunbookSpec runbook, List<DiagnosticResult> results, int total, boolean finished) {
        Optional<ChatLocation> thread = incident.thread();
        if (thread.isEmpty()) {
            return;
        }
        SlackMessage content = DiagnosisMessage.render(incident, runbook, results, total, finished);
        ProgressMessage message = progress.computeIfAbsent(incident.id(), id -> new ProgressMessage(thread.get()));
        if (!finished) {
            message.show(content);
            return;
        }
        message.finish(content);
        progress.remove(incident.id(), message);
    }

    @Override
    public void showPlan(Incident incident, RunbookSpec runbook, Plan plan) {
        incident.thread().ifPresent(thread -> {
            SlackResult<MessageRef> result =
                    api.postMessage(thread.channel(), thread.ts(), PlanMessage.render(incident, runbook, plan));
            if (!result.isOk()) {
                LOG.warn("The plan of {} could not be posted: {}", incident.id(), result.describe());
            }
        });
    }

    @Override
    public ChatPost showRemediation(RemediationView view) {
        RemediationRun run = view.run();
        Optional<ChatLocation> shownAt = run.message().or(() -> Optional.ofNullable(postedRuns.get(run.id())));
        if (shownAt.isPresent()) {
            MessageRef ref = ref(shownAt.get());
            synchronized (stripe(ref)) {
                RemediationRun current = records.run(run.id())
                        .filter(stored -> version(stored) >= version(run))
                        .orElse(run);
                updates.submit(
                        ref,
                        RemediationMessage.render(new RemediationView(
                                view.incident(), view.runbook(), view.remediation(), current, view.chosenBy())));
                if (current.state().isFinal()) {
                    updates.flush(ref);
                    postedRuns.remove(run.id());
                }
            }
            return new ChatPost.Posted(shownAt.get());
        }
        Optional<ChatLocation> thread = view.incident().thread();
        if (thread.isEmpty()) {
            return new ChatPost.Failed(view.incident().id() + " has no thread to show " + run.label() + " in");
        }
        ChatPost post = posted(
                api.postMessage(thread.get().channel(), thread.get().ts(), RemediationMessage.render(view)),
                thread.get().channel());
        if (post instanceof ChatPost.Posted p && !run.state().isFinal()) {
            postedRuns.put(run.id(), p.location());
        }
        return post;
    }

    @Override
    public void note(Incident incident, String text) {
        incident.thread().ifPresent(thread -> {
            SlackResult<MessageRef> result =
                    api.postMessage(thread.channel(), thread.ts(), plain(IncidentMessage.fullRecord(incident), text));
            if (!result.isOk()) {
                LOG.warn("A note in the thread of {} could not be posted: {}", incident.id(), result.describe());
            }
        });
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

    /** A message of text that is not the bot's own (it may quote command output): escaped, cut to fit. */
    private static SlackMessage plain(String fullRecord, String text) {
        return MessageBuilder.message(fullRecord)
                .mrkdwnSection(Mrkdwn.escape(text))
                .build(text);
    }

    private static ChatPost posted(SlackResult<MessageRef> result, String channel) {
        if (result instanceof SlackResult.Ok<MessageRef> ok) {
            return new ChatPost.Posted(
                    new ChatLocation(ok.value().channelId(), ok.value().ts()));
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

    private Object stripe(MessageRef ref) {
        return stripes[Math.floorMod(ref.hashCode(), LOCK_STRIPES)];
    }

    /** Grows with every change of a run: transitions and approvals are only ever appended. */
    private static int version(RemediationRun run) {
        return run.transitions().size() + run.approvals().size();
    }

    /**
     * The progress message of one incident's diagnosis. The first content is posted from the {@code posts} executor;
     * content shown while that post is in flight waits for it and is then sent as an edit; {@link #finish} delivers the
     * final content and waits for it.
     */
    private final class ProgressMessage {
        private final ChatLocation thread;
        private SlackMessage latest;
        private MessageRef ref;
        private boolean posting;
        private final CompletableFuture<Optional<MessageRef>> posted = new CompletableFuture<>();

        ProgressMessage(ChatLocation thread) {
            this.thread = thread;
        }

        synchronized void show(SlackMessage content) {
            latest = content;
            if (ref != null) {
                updates.submit(ref, content);
            } else if (!posting) {
                posting = true;
                try {
                    posts.execute(this::postFirst);
                } catch (RejectedExecutionException e) {
                    posted.complete(Optional.empty());
                }
            }
        }

        private void postFirst() {
            SlackMessage first;
            synchronized (this) {
                first = latest;
            }
            SlackResult<MessageRef> result = api.postMessage(thread.channel(), thread.ts(), first);
            synchronized (this) {
                if (result instanceof SlackResult.Ok<MessageRef> ok) {
                    ref = ok.value();
                    if (latest != first) {
                        updates.submit(ref, latest);
                    }
                } else {
                    LOG.warn("The progress message in {} could not be posted: {}", thread, result.describe());
                }
            }
            posted.complete(Optional.ofNullable(ref));
        }

        /** Shows the final content and waits until Slack has it (or gave up). */
        void finish(SlackMessage content) {
            show(content);
            try {
                Optional<MessageRef> at = posted.get(FINAL_DELIVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (at.isEmpty()) {
                    // the first post failed (or never started): one more try, with the final content
                    SlackResult<MessageRef> result = api.postMessage(thread.channel(), thread.ts(), content);
                    if (!result.isOk()) {
                        LOG.warn("The final diagnosis in {} could not be posted: {}", thread, result.describe());
                    }
                    return;
                }
                SlackResult<MessageRef> result =
                        updates.flush(at.get()).get(FINAL_DELIVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (!result.isOk()) {
                    LOG.warn("The final diagnosis in {} could not be shown: {}", thread, result.describe());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("The final diagnosis in {} was not confirmed: {}", thread, e.toString());
            }
        }
    }
}

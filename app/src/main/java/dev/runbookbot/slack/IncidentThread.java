package dev.runbookbot.slack;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.incident.ChatPlacements;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.slack.render.SlackMessage;
import dev.runbookbot.slack.render.ThreadReplyMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one incident in Slack, delivered whatever Slack does for a while: the parent message, the one reply
 * in its thread (diagnosis, verdict and proposals, {@link ThreadReplyMessage}) and the notes a person must see, in
 * that order.
 *
 * <p>Posting is durable work. A post Slack does not take but may take later ({@link SlackResult#mayPassLater()}: 429,
 * 5xx, a call that timed out) is tried again with the latest content ({@link DeliveryRetries}); everything later
 * waits for the parent. What changes while a message waits replaces what it was to show, so intermediate progress is
 * coalesced and the final state is what lands. Once a message is posted its edits go through the {@link
 * MessageUpdateCoalescer}, which retries them the same way. Only {@code not_in_channel} / {@code channel_not_found}
 * on the parent mean the bot must be invited; then nothing of this incident is posted. Where late messages land is
 * reported through {@link ChatPlacements}.
 *
 * <p>One delivery runs at a time (a pump on the {@code sender} executor); callers never wait for Slack, except {@link
 * #open}, which makes the first try of the parent on the caller's thread. Thread-safe.
 */
final class IncidentThread {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentThread.class);

    private final ThreadDelivery delivery;
    private final IncidentId id;
    private final String channel;

    private Incident incident;
    private RunbookSpec runbook;
    private SlackMessage parentContent;
    private MessageRef parent;
    private boolean abandoned;

    private final ReplyContents contents = new ReplyContents();
    private MessageRef reply;
    private boolean replyFailed;
    private final Deque<SlackMessage> notes = new ArrayDeque<>();

    private boolean pumping;
    private final DeliveryRetries retries;

    /** A thread whose parent is still to be posted in {@code channel}. */
    IncidentThread(
            ThreadDelivery delivery, Incident incident, RunbookSpec runbook, String channel, SlackMessage parent) {
        this.delivery = delivery;
        this.id = incident.id();
        this.incident = incident;
        this.runbook = runbook;
        this.channel = channel;
        this.parentContent = parent;
        this.retries = new DeliveryRetries(delivery.backoff(), delivery.timer(), System::nanoTime);
    }

    /** A thread posted earlier (by another process): its parent is at {@code posted}. */
    IncidentThread(ThreadDelivery delivery, Incident incident, RunbookSpec runbook, ChatLocation posted) {
        this(delivery, incident, runbook, posted.channel(), null);
        this.parent = new MessageRef(posted.channel(), posted.ts());
    }

    /** Makes the first try of the parent message on the caller's thread; later tries run in the background. */
    ChatPost open() {
        SlackMessage content;
        synchronized (this) {
            content = parentContent;
        }
        SlackResult<MessageRef> result = delivery.api().postMessage(channel, null, content, SendPriority.PARENT);
        synchronized (this) {
            if (result instanceof SlackResult.Ok<MessageRef> ok) {
                parent = ok.value();
                if (parentContent != content) {
                    delivery.updates().submit(parent, parentContent, SendPriority.ACTION);
                }
                pumpIfWork();
                return new ChatPost.Posted(parent.location());
            }
            if (result.mayPassLater()) {
                LOG.warn("The parent message of {} was not taken by Slack ({}); trying again", id, result.describe());
                retryLater();
                return new ChatPost.Pending(result.describe());
            }
            abandon();
            if (result instanceof SlackResult.ChannelUnavailable<MessageRef> unavailable) {
                return new ChatPost.NotInChannel(channel, SlackChatGateway.inviteHint(channel, unavailable.error()));
            }
            LOG.warn("The parent message of {} could not be posted: {}", id, result.describe());
            return new ChatPost.Failed(result.describe());
        }
    }

    /** The runbook the reply is rendered with (a thread adopted for a note may not have had it). */
    synchronized void useRunbook(RunbookSpec current) {
        if (current != null) {
            runbook = current;
        }
    }

    synchronized boolean isAbandoned() {
        return abandoned;
    }

    /** Nothing waits to be posted and the incident is over: the gateway may forget this thread. */
    synchronized boolean isSettled() {
        return abandoned || (!incident.isOpen() && parent != null && notes.isEmpty() && !pumping && !retries.waiting());
    }

    /** Where {@code run} is shown, once its reply is posted. */
    synchronized Optional<ChatLocation> runLocation(RunId run) {
        return reply != null && contents.shows(run) ? Optional.of(reply.location()) : Optional.empty();
    }

    synchronized Optional<ChatLocation> parentLocation() {
        return Optional.ofNullable(parent).map(MessageRef::location);
    }

    /** The parent should show {@code content} (the incident as it now is); {@code last} for a closed incident. */
    synchronized void showParent(Incident current, SlackMessage content, boolean last) {
        incident = newer(current);
        parentContent = content;
        if (parent != null) {
            delivery.updates().submit(parent, content, SendPriority.ACTION);
            if (last) {
                delivery.updates().flush(parent);
            }
        }
    }

    synchronized void showDiagnosis(Incident current, ThreadReplyMessage.Diagnosis shown) {
        incident = newer(current);
        contents.diagnosis(shown);
        replyChanged(shown.finished() ? SendPriority.ACTION : SendPriority.PROGRESS);
    }

    /** The runbook's last times join the reply; they alone do not make it posted. */
    synchronized void showLastTimes(Incident current, String text) {
        incident = newer(current);
        contents.lastTimes(text);
        if (reply != null) {
            replyChanged(SendPriority.PROGRESS);
        }
    }

    synchronized void showPlan(Incident current, Plan decided) {
        incident = newer(current);
        contents.plan(decided);
        replyChanged(SendPriority.ACTION);
    }

    /**
     * Shows {@code view} in the reply; the result says where, or that it is on its way (its place is then reported
     * through {@link ChatPlacements#runShown}).
     */
    synchronized ChatPost showRemediation(RemediationView view, List<RemediationView> others) {
        incident = newer(view.incident());
        contents.remediation(view, others);
        replyChanged(SendPriority.ACTION);
        if (abandoned || replyFailed) {
            return new ChatPost.Failed(
                    id + " has no thread message to show " + view.run().label() + " in");
        }
        if (reply != null) {
            contents.placed(view.run().id());
            return new ChatPost.Posted(reply.location());
        }
        return new ChatPost.Pending("the thread message of " + id + " is not posted yet");
    }

    /** Adopts a reply posted earlier (by another process) at {@code posted}, so it is edited instead of posted again. */
    synchronized void adoptReply(ChatLocation posted) {
        if (reply == null) {
            reply = new MessageRef(posted.channel(), posted.ts());
        }
    }

    synchronized void note(SlackMessage content) {
        if (abandoned) {
            return;
        }
        notes.add(content);
        pumpIfWork();
    }

    /** Called with the lock held. */
    private void replyChanged(SendPriority priority) {
        if (abandoned || replyFailed || runbook == null) {
            return;
        }
        if (reply != null) {
            ThreadReplyMessage content = replyContent();
            delivery.updates().submit(reply, content.render(), priority);
            if (priority == SendPriority.ACTION) {
                delivery.updates().flush(reply);
            }
            return;
        }
        pumpIfWork();
    }

    private ThreadReplyMessage replyContent() {
        return contents.message(incident, runbook, delivery.recordedDiagnosis());
    }

    private Incident newer(Incident candidate) {
        return candidate.updatedAt().isBefore(incident.updatedAt()) ? incident : candidate;
    }

    /** Called with the lock held. */
    private void pumpIfWork() {
        if (pumping || retries.waiting() || abandoned || nextStep() == ThreadStep.NONE) {
            return;
        }
        pumping = true;
        try {
            delivery.sender().execute(this::pump);
        } catch (RejectedExecutionException e) {
            pumping = false; // shutting down
        }
    }

    /** Called with the lock held. */
    private ThreadStep nextStep() {
        return ThreadStep.next(
                abandoned,
                parent != null,
                parentContent != null,
                reply == null && !replyFailed && contents.showsAnything() && runbook != null,
                !notes.isEmpty());
    }

    private void pump() {
        while (true) {
            ThreadStep step;
            SlackMessage content;
            String threadTs;
            boolean settled;
            synchronized (this) {
                step = nextStep();
                switch (step) {
                    case PARENT -> content = parentContent;
                    case REPLY -> content = replyContent().render();
                    case NOTE -> content = notes.peek();
                    default -> content = null;
                }
                threadTs = parent == null ? null : parent.ts();
                pumping = step != ThreadStep.NONE;
                settled = isSettled();
            }
            if (step == ThreadStep.NONE) {
                if (settled) { // the last message of an ended incident is out: the gateway may forget it
                    delivery.settled().accept(id, this);
                }
                return;
            }
            SlackResult<MessageRef> result = delivery.api()
                    .postMessage(
                            channel,
                            threadTs,
                            content,
                            step == ThreadStep.PARENT ? SendPriority.PARENT : SendPriority.ACTION);
            synchronized (this) {
                if (result.mayPassLater()) {
                    LOG.warn("Slack did not take a message of {} ({}); trying again", id, result.describe());
                    pumping = false;
                    retryLater();
                    return;
                }
                retries.reset();
                delivered(step, content, result);
            }
        }
    }

    /** Records the outcome of a post that Slack answered. Called with the lock held. */
    private void delivered(ThreadStep step, SlackMessage content, SlackResult<MessageRef> result) {
        Optional<MessageRef> posted =
                result instanceof SlackResult.Ok<MessageRef> ok ? Optional.of(ok.value()) : Optional.empty();
        switch (step) {
            case PARENT -> {
                if (posted.isEmpty()) {
                    LOG.warn("The parent message of {} could not be posted: {}", id, result.describe());
                    abandon();
                    return;
                }
                parent = posted.get();
                delivery.placements().threadOpened(id, parent.location());
                if (parentContent != content) {
                    delivery.updates().submit(parent, parentContent, SendPriority.ACTION);
                }
            }
            case REPLY -> {
                if (posted.isEmpty()) {
                    LOG.warn("The thread message of {} could not be posted: {}", id, result.describe());
                    replyFailed = true;
                    return;
                }
                reply = posted.get();
                for (RunId run : contents.placeUnplaced()) {
                    delivery.placements().runShown(run, reply.location());
                }
                SlackMessage latest = replyContent().render();
                if (!latest.equals(content)) {
                    delivery.updates().submit(reply, latest, SendPriority.ACTION);
                    delivery.updates().flush(reply);
                }
            }
            case NOTE -> {
                notes.poll();
                if (posted.isEmpty()) {
                    LOG.warn("A note in the thread of {} could not be posted: {}", id, result.describe());
                }
            }
            default -> {}
        }
    }

    /** Plans the next try after a backoff, or gives up when this has gone on too long. Called with the lock held. */
    private void retryLater() {
        if (!retries.failed(this::retryNow)) {
            LOG.error("Giving up on the messages of {} after {} of Slack not taking them", id, retries.giveUpAfter());
            abandon();
        }
    }

    private synchronized void retryNow() {
        retries.due();
        pumpIfWork();
    }

    /** Nothing of this incident will be posted (the channel is closed to the bot, or Slack refused the parent). */
    private void abandon() {
        abandoned = true;
        notes.clear();
    }
}

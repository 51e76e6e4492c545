package dev.runbookbot.slack.interaction;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.incident.ActionAnswer;
import dev.runbookbot.incident.ClickOrigin;
import dev.runbookbot.incident.IncidentControl;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.slack.ButtonClick;
import dev.runbookbot.slack.ButtonHandler;
import dev.runbookbot.slack.EphemeralReplies;
import dev.runbookbot.slack.StorageTrouble;
import dev.runbookbot.slack.render.IncidentActions;
import dev.runbookbot.slack.render.Mrkdwn;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons on incident messages ({@link IncidentActions}): each click goes to the {@link IncidentService}, which
 * decides, now and against the stored run, whether this person may do it. A refusal is explained to the person who
 * clicked, and only to them (the service has recorded it in the timeline); an accepted click needs no answer, because
 * the message it acted on is edited to show the decision. The button's value only names the run or incident: a value
 * that names nothing is answered with "no longer valid". Thread-safe.
 */
public final class IncidentButtons {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentButtons.class);

    private final IncidentService incidents;
    private final IncidentControl control;
    private final EphemeralReplies replies;

    public IncidentButtons(IncidentService incidents, IncidentControl control, EphemeralReplies replies) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.control = Objects.requireNonNull(control, "control");
        this.replies = Objects.requireNonNull(replies, "replies");
    }

    /** The handlers by {@code action_id}, for {@link dev.runbookbot.slack.SlackHandlers}. */
    public Map<String, ButtonHandler> handlers() {
        return Map.of(
                IncidentActions.APPROVE, click -> onRun(click, incidents::approve),
                IncidentActions.REJECT, click -> onRun(click, incidents::reject),
                IncidentActions.RUN, click -> onRun(click, incidents::run),
                IncidentActions.DONE, click -> onRun(click, incidents::markDone),
                IncidentActions.ACKNOWLEDGE, click -> onIncident(click, incidents::acknowledge),
                IncidentActions.RESOLVE,
                        click -> onIncident(
                                click, (id, actor, at) -> control.resolve(id, actor, "", ClickOrigin.clicked(at))),
                IncidentActions.RERUN,
                        click -> onIncident(
                                click, (id, actor, at) -> control.rediagnose(id, actor, ClickOrigin.clicked(at))),
                IncidentActions.ESCALATE,
                        click -> onIncident(
                                click, (id, actor, at) -> control.escalate(id, actor, "", ClickOrigin.clicked(at))),
                IncidentActions.PROPOSE_AGAIN,
                        click -> onRun(
                                click, (run, actor, at) -> control.proposeAgain(run, actor, ClickOrigin.clicked(at))));
    }

    /** One of the parent message's buttons: acts on the incident, for the person, from the message clicked. */
    private void onIncident(ButtonClick click, Decision<IncidentId> decision) {
        on(click, IncidentId::parse, "an incident", decision);
    }

    /** One of the remediation buttons: the service decides on the run, the person and the message clicked. */
    private void onRun(ButtonClick click, Decision<RunId> decision) {
        on(click, RunId::parse, "a remediation run", decision);
    }

    /** What a button asks for, on what it names, for the person, from the message clicked. */
    @FunctionalInterface
    private interface Decision<T> {
        ActionAnswer decide(T target, Actor actor, ChatLocation clickedOn);
    }

    /**
     * Every button the same way: the value names what it acts on (an opaque id that grants nothing), the click must say
     * which message it was made on, the service decides, and a refusal or storage trouble is told to the person.
     */
    private <T> void on(ButtonClick click, Function<String, T> parse, String names, Decision<T> decision) {
        T target;
        try {
            target = parse.apply(click.value());
        } catch (IllegalArgumentException e) {
            tell(click, "This button is no longer valid: it does not name " + names + ".");
            return;
        }
        Optional<ChatLocation> clickedOn = clickedOn(click);
        if (clickedOn.isEmpty()) {
            return;
        }
        ActionAnswer answer;
        try {
            answer = decision.decide(target, actor(click), clickedOn.get());
        } catch (RuntimeException e) {
            storageTrouble(click, e);
            return;
        }
        answer(click, answer);
    }

    /** A click the store could not record is answered "storage unavailable"; anything else is a bug, thrown on. */
    private void storageTrouble(ButtonClick click, RuntimeException e) {
        Optional<String> storage = StorageTrouble.answer(e);
        if (storage.isEmpty()) {
            throw e;
        }
        LOG.warn("{} clicked {} on {}: not done, {}", click.userId(), click.actionId(), click.value(), e.getMessage());
        tell(click, storage.get());
    }

    /**
     * The message the click was made on; empty (and the person told) when the payload does not say, or says two
     * different things, because a click acts only on the message it came from.
     */
    private Optional<ChatLocation> clickedOn(ButtonClick click) {
        if (click.channelId().isBlank() || click.messageTs().isBlank()) {
            LOG.warn(
                    "{} clicked {} on {} from no identifiable message (channel '{}', ts '{}'): refused",
                    click.userId(),
                    click.actionId(),
                    click.value(),
                    click.channelId(),
                    click.messageTs());
            tell(
                    click,
                    ":no_entry: Not done: this click does not say which message it was made on, so it acts on"
                            + " nothing.");
            return Optional.empty();
        }
        return Optional.of(new ChatLocation(click.channelId(), click.messageTs()));
    }

    private void answer(ButtonClick click, ActionAnswer answer) {
        if (answer.accepted()) {
            LOG.info("{} clicked {} on {}: {}", click.userId(), click.actionId(), click.value(), answer.message());
            return;
        }
        LOG.info(
                "{} clicked {} on {}: refused ({})", click.userId(), click.actionId(), click.value(), answer.message());
        tell(click, ":no_entry: Not done: " + Mrkdwn.escape(answer.message()));
    }

    private void tell(ButtonClick click, String mrkdwn) {
        replies.reply(
                click.responseUrl(),
                click.channelId(),
                click.userId(),
                click.threadTs(),
                mrkdwn,
                "runbookctl incidents");
    }

    private static Actor actor(ButtonClick click) {
        return new Actor(click.userId(), click.teamId());
    }
}

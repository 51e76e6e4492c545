package dev.runbookbot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.chat.ChatGetPermalinkRequest;
import com.slack.api.methods.request.chat.ChatPostEphemeralRequest;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.request.conversations.ConversationsInfoRequest;
import com.slack.api.methods.request.usergroups.users.UsergroupsUsersListRequest;
import com.slack.api.methods.request.views.ViewsPublishRequest;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.webhook.WebhookResponse;
import dev.runbookbot.slack.render.ControlCharacters;
import dev.runbookbot.slack.render.SlackMessage;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The Slack Web API calls the bot makes, each returning a {@link SlackResult} instead of throwing.
 *
 * <p>Rate limits: every call is first paced to the rate Slack publishes for its method ({@link RequestPacer}: about one
 * {@code chat.postMessage} per second per channel), so the bot does not wait to be refused to learn the limit. It then
 * waits out any {@code Retry-After} window Slack announced for its method and channel (one window per {@code
 * chat.postMessage} channel), and retries a 429 after the announced wait, up to {@link RateLimitPolicy#maxAttempts()}
 * calls; a wait longer than {@link RateLimitPolicy#maxWait()} fails at once as {@link SlackFailureKind#RATE_LIMITED}.
 * The synchronous SDK client throws on HTTP 429 and does not retry. Calls of one key go one at a time, in {@link
 * SendPriority} order ({@link PriorityTurns}), so a call is never already on its way while another learns of a window:
 * no call is ever sent inside a window Slack announced, and a parent message goes before queued progress edits. A 429
 * means the call was not processed, so retrying even {@code chat.postMessage} cannot post twice; other failures (5xx,
 * timeouts) are not retried here, because a post might have gone through.
 *
 * <p>Messages are posted with link and media unfurling off (a URL with a token in it must not be fetched and shown by
 * Slack) and with {@code link_names} off. {@code not_in_channel} and {@code channel_not_found} come back as {@link
 * SlackResult.ChannelUnavailable}, which says how to invite the bot.
 *
 * <p>Calls block the calling thread (including rate-limit waits), so call them from a worker executor, never from a
 * Bolt listener. Thread-safe.
 */
public final class SlackWebApi {
    private final MethodsClient methods;
    private final Slack slack;
    private final RateLimitedCalls calls;
    private final String apiHost;
    private final ObjectMapper json;

    public SlackWebApi(SlackTransport transport, SlackSettings settings, RateLimitPolicy policy) {
        this(transport, settings, policy, SlackErrorListener.NONE);
    }

    /** @param errors hears every call that failed (the bot's metrics) */
    public SlackWebApi(
            SlackTransport transport, SlackSettings settings, RateLimitPolicy policy, SlackErrorListener errors) {
        this(transport, settings, policy, errors, new RequestPacer(RequestPacer.slackTiers()));
    }

    /** @param pacer spaces calls to Slack's published rates ({@link RequestPacer#slackTiers()} in production) */
    public SlackWebApi(
            SlackTransport transport,
            SlackSettings settings,
            RateLimitPolicy policy,
            SlackErrorListener errors,
            RequestPacer pacer) {
        this.calls = new RateLimitedCalls(policy, errors, pacer);
        this.slack = transport.slack();
        this.methods = slack.methods(settings.botToken().reveal());
        this.apiHost = settings.apiBaseUrl().getHost().toLowerCase(Locale.ROOT);
        this.json = new ObjectMapper();
    }

    /** {@code chat.postMessage}: a new message, or a reply in {@code threadTs}'s thread when that is not null. */
    public SlackResult<MessageRef> postMessage(String channelId, String threadTs, SlackMessage message) {
        return postMessage(channelId, threadTs, message, SendPriority.ACTION);
    }

    /** {@code chat.postMessage}, ahead of or behind other calls in the same channel by {@code priority}. */
    public SlackResult<MessageRef> postMessage(
            String channelId, String threadTs, SlackMessage message, SendPriority priority) {
        return calls.call(
                "chat.postMessage",
                channelId,
                priority,
                () -> methods.chatPostMessage(ChatPostMessageRequest.builder()
                        .channel(channelId)
                        .threadTs(threadTs)
                        .text(message.text())
                        .blocks(message.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)
                        .linkNames(false)
                        .build()),
                (ChatPostMessageResponse r) -> new MessageRef(r.getChannel(), r.getTs()));
    }

    /** {@code chat.update}: replaces the text and blocks of a message the bot posted. */
    public SlackResult<MessageRef> update(MessageRef ref, SlackMessage message) {
        return update(ref, message, SendPriority.ACTION);
    }

    /** {@code chat.update}, ahead of or behind other edits in the same channel by {@code priority}. */
    public SlackResult<MessageRef> update(MessageRef ref, SlackMessage message, SendPriority priority) {
        return calls.call(
                "chat.update",
                ref.channelId(),
                priority,
                () -> methods.chatUpdate(ChatUpdateRequest.builder()
                        .channel(ref.channelId())
                        .ts(ref.ts())
                        .text(message.text())
                        .blocks(message.blocks())
                        .linkNames(false)
                        .build()),
                (ChatUpdateResponse r) -> new MessageRef(r.getChannel(), r.getTs()));
    }

    /** {@code chat.postEphemeral}: a message only {@code userId} sees; the value is its {@code message_ts}. */
    public SlackResult<String> postEphemeral(String channelId, String userId, String threadTs, SlackMessage message) {
        return calls.call(
                "chat.postEphemeral",
                channelId,
                () -> methods.chatPostEphemeral(ChatPostEphemeralRequest.builder()
                        .channel(channelId)
                        .user(userId)
                        .threadTs(threadTs)
                        .text(message.text())
                        .blocks(message.blocks())
                        .linkNames(false)
                        .build()),
                ChatPostEphemeralResponse::getMessageTs);
    }

    /** {@code views.publish}: replaces {@code userId}'s Home tab; the value is the view id. */
    public SlackResult<String> publishHome(String userId, List<LayoutBlock> blocks) {
        View view = View.builder().type("home").blocks(blocks).build();
        return calls.call(
                "views.publish",
                null,
                () -> methods.viewsPublish(
                        ViewsPublishRequest.builder().userId(userId).view(view).build()),
                r -> r.getView() == null ? "" : r.getView().getId());
    }

    /** {@code chat.getPermalink}: a link to the message for people (for example from the Home tab). */
    public SlackResult<String> permalink(MessageRef ref) {
        return calls.call(
                "chat.getPermalink",
                null,
                () -> methods.chatGetPermalink(ChatGetPermalinkRequest.builder()
                        .channel(ref.channelId())
                        .messageTs(ref.ts())
                        .build()),
                r -> r.getPermalink());
    }

    /** {@code usergroups.users.list}: the user ids in a user group ({@code S...}), for approver lists. */
    public SlackResult<List<String>> usergroupMembers(String usergroupId) {
        return calls.call(
                "usergroups.users.list",
                null,
                () -> methods.usergroupsUsersList(UsergroupsUsersListRequest.builder()
                        .usergroup(usergroupId)
                        .build()),
                r -> r.getUsers() == null ? List.of() : List.copyOf(r.getUsers()));
    }

    /** {@code conversations.info}: whether the channel exists for the bot, and whether the bot is in it. */
    public SlackResult<ChannelInfo> channelInfo(String channelId) {
        return calls.call(
                "conversations.info",
                channelId,
                () -> methods.conversationsInfo(
                        ConversationsInfoRequest.builder().channel(channelId).build()),
                r -> {
                    Conversation c = r.getChannel();
                    return new ChannelInfo(c.getId(), c.getName(), c.isPrivate(), c.isArchived(), c.isMember());
                });
    }

    /**
     * Posts an ephemeral reply to a slash command or click through its {@code response_url} (at most five within 30
     * minutes; use it for short answers). The URL must be on Slack's hooks host for the configured API ({@code
     * hooks.slack.com} for {@code slack.com}) or on the API host itself; anything else is {@link
     * SlackFailureKind#REFUSED} without a request.
     */
    public SlackResult<Void> respondEphemeral(String responseUrl, String mrkdwnText) {
        return calls.reported("response_url", respond(responseUrl, mrkdwnText));
    }

    private SlackResult<Void> respond(String responseUrl, String mrkdwnText) {
        String method = "response_url";
        URI url;
        try {
            url = URI.create(responseUrl);
        } catch (IllegalArgumentException e) {
            return new SlackResult.Failed<>(method, SlackFailureKind.REFUSED, "not a URL");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(apiHost) && !host.equals("hooks." + apiHost)) {
            return new SlackResult.Failed<>(
                    method,
                    SlackFailureKind.REFUSED,
                    "response_url host " + host + " is not Slack's (" + apiHost + ")");
        }
        ObjectNode body = json.createObjectNode()
                .put("response_type", "ephemeral")
                .put("replace_original", false)
                .put("text", ControlCharacters.stripMrkdwn(mrkdwnText));
        try {
            WebhookResponse response = slack.send(responseUrl, body.toString());
            int code = response.getCode() == null ? 0 : response.getCode();
            if (code >= 200 && code < 300) {
                return new SlackResult.Ok<>(null);
            }
            return new SlackResult.Failed<>(method, SlackFailureKind.HTTP_ERROR, "HTTP " + code);
        } catch (IOException e) {
            return new SlackResult.Failed<>(method, SlackFailureKind.IO_ERROR, String.valueOf(e.getMessage()));
        }
    }
}

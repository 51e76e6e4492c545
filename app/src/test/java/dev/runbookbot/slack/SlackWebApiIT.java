package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.slack.render.MessageBuilder;
import dev.runbookbot.slack.render.SlackMessage;
import dev.runbookbot.testing.slack.ChannelRateLimit;
import dev.runbookbot.testing.slack.FakeChannel;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.Fault;
import dev.runbookbot.testing.slack.FaultRule;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.RecordedCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SlackWebApi} over HTTP against the fake Slack: rate limits, error mapping, unfurling, escaping, limits. */
class SlackWebApiIT {
    private FakeSlack slack;
    private SlackTransport transport;
    private SlackWebApi api;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        SlackSettings settings = new SlackSettings(
                new Secret("SLACK_BOT_TOKEN", slack.botToken()),
                new Secret("SLACK_APP_TOKEN", slack.appToken()),
                slack.apiUrl(),
                "T111",
                "A111",
                Duration.ofSeconds(5));
        transport = new SlackTransport(settings);
        api = new SlackWebApi(transport, settings, RateLimitPolicy.DEFAULT);
    }

    @AfterEach
    void stop() {
        transport.close();
        slack.close();
    }

    @Test
    void postsWithUnfurlingOffAndHostileTextEscaped() {
        String alert = "<!channel> DB down, see <http://evil.example/login|the dashboard> & ping <@U222>";
        SlackMessage message = MessageBuilder.message("runbookctl timeline INC-1")
                .textSection(alert)
                .build(alert);

        MessageRef ref = ok(api.postMessage("C111", null, message));

        PostedMessage posted = slack.message(ref.ts()).orElseThrow();
        assertEquals(Boolean.FALSE, posted.unfurlLinks());
        assertEquals(Boolean.FALSE, posted.unfurlMedia());
        String everything = posted.allText();
        assertFalse(everything.contains("<!channel>"), everything);
        assertFalse(everything.contains("<http"), everything);
        assertFalse(everything.contains("<@U222>"), everything);
        assertTrue(
                everything.contains("&lt;!channel&gt; DB down, see &lt;http://evil.example/login|the dashboard&gt;"
                        + " &amp; ping &lt;@U222&gt;"),
                everything);
        assertEquals("0", slack.calls("chat.postMessage").get(0).param("link_names"), "link_names off");
    }

    @Test
    void aThreadReplyCarriesItsParentTs() {
        MessageRef parent = ok(api.postMessage("C111", null, text("incident opened")));

        MessageRef reply = ok(api.postMessage("C111", parent.ts(), text("step 1 healthy")));

        assertEquals(parent.ts(), slack.message(reply.ts()).orElseThrow().threadTs());
        assertTrue(reply.ts().compareTo(parent.ts()) > 0, "ts increases");
    }

    @Test
    void rateLimitedPostsWaitOutRetryAfterAndAreDeliveredOnce() {
        slack.inject(FaultRule.on("chat.postMessage", Fault.rateLimited(1))
                .inChannel("C111")
                .times(2));

        MessageRef ref = ok(api.postMessage("C111", null, text("parent")));

        List<RecordedCall> calls = slack.calls("chat.postMessage");
        assertEquals(
                List.of(429, 429, 200), calls.stream().map(RecordedCall::status).toList(), slack.log());
        assertEquals(List.of(), slack.callsInsideRetryAfterWindows(), slack.log());
        assertEquals(1, slack.messages("C111").size());
        assertEquals(ref.ts(), slack.messages("C111").get(0).ts());
    }

    @Test
    void aBurstAgainstThePerChannelLimitIsSpreadOutAndFullyDelivered() {
        slack.limit(ChannelRateLimit.postMessage(2));

        for (int i = 1; i <= 4; i++) {
            ok(api.postMessage("C111", null, text("update " + i)));
        }

        assertEquals(
                List.of("update 1", "update 2", "update 3", "update 4"),
                slack.messages("C111").stream().map(PostedMessage::text).toList());
        assertEquals(List.of(), slack.callsInsideRetryAfterWindows(), slack.log());
        assertTrue(
                slack.calls("chat.postMessage").stream().anyMatch(c -> c.status() == 429),
                "the burst did hit the limit:\n" + slack.log());
    }

    @Test
    void aRateLimitOnOneChannelDoesNotHoldBackAnother() {
        slack.addChannel(FakeChannel.publicWithBot("C222", "incidents"));
        slack.inject(FaultRule.on("chat.postMessage", Fault.rateLimited(30)).inChannel("C111"));
        SlackWebApi patient = new SlackWebApi(
                transport,
                new SlackSettings(
                        new Secret("SLACK_BOT_TOKEN", slack.botToken()),
                        new Secret("SLACK_APP_TOKEN", slack.appToken()),
                        slack.apiUrl(),
                        "T111",
                        "A111",
                        Duration.ofSeconds(5)),
                new RateLimitPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1)));

        SlackResult<MessageRef> limited = patient.postMessage("C111", null, text("first"));
        SlackResult<MessageRef> other = patient.postMessage("C222", null, text("second"));

        assertEquals(
                SlackFailureKind.RATE_LIMITED,
                assertInstanceOf(SlackResult.Failed.class, limited).kind());
        assertTrue(other.isOk(), other.describe());
        assertEquals(
                1,
                slack.calls("chat.postMessage").stream()
                        .filter(c -> "C111".equals(c.channel()))
                        .count());
        SlackResult<MessageRef> stillLimited = patient.postMessage("C111", null, text("third"));
        assertEquals(
                SlackFailureKind.RATE_LIMITED,
                assertInstanceOf(SlackResult.Failed.class, stillLimited).kind());
        assertEquals(
                1,
                slack.calls("chat.postMessage").stream()
                        .filter(c -> "C111".equals(c.channel()))
                        .count(),
                "no call is sent inside the announced 30 s window");
    }

    @Test
    void aRetryAfterLongerThanAllowedFailsAtOnce() {
        slack.inject(FaultRule.on("chat.postMessage", Fault.rateLimited(120)));

        SlackResult<MessageRef> result = api.postMessage("C111", null, text("hello"));

        SlackResult.Failed<?> failed = assertInstanceOf(SlackResult.Failed.class, result);
        assertEquals(SlackFailureKind.RATE_LIMITED, failed.kind());
        assertEquals(
                "Slack asked to wait 119 s, more than the 30 s allowed",
                failed.detail().replace("120 s", "119 s"));
        assertEquals(1, slack.calls("chat.postMessage").size());
    }

    @Test
    void aChannelTheBotIsNotInComesBackWithHowToInviteIt() {
        slack.addChannel(FakeChannel.publicWithoutBot("C333", "payments"));
        slack.addChannel(FakeChannel.privateWithoutBot("G444", "secops"));

        SlackResult<MessageRef> notIn = api.postMessage("C333", null, text("hello"));
        SlackResult<MessageRef> hidden = api.postMessage("G444", null, text("hello"));

        SlackResult.ChannelUnavailable<?> a = assertInstanceOf(SlackResult.ChannelUnavailable.class, notIn);
        assertEquals("not_in_channel", a.error());
        assertEquals(
                "runbook-bot cannot post in <#C333> (not_in_channel). Invite it with `/invite @runbook-bot` in that"
                        + " channel, then try again.",
                a.explanation());
        SlackResult.ChannelUnavailable<?> b = assertInstanceOf(SlackResult.ChannelUnavailable.class, hidden);
        assertEquals("channel_not_found", b.error());
        assertEquals("G444", b.channelId());
    }

    @Test
    void injectedChannelErrorsAreMappedTheSameWay() {
        slack.inject(FaultRule.on("chat.update", Fault.error("not_in_channel")));
        MessageRef ref = ok(api.postMessage("C111", null, text("x")));

        SlackResult<MessageRef> update = api.update(ref, text("y"));

        assertInstanceOf(SlackResult.ChannelUnavailable.class, update);
    }

    @Test
    void aServerErrorIsReportedAndNotRetried() {
        slack.inject(FaultRule.on("chat.postMessage", new Fault.HttpStatus(503)));

        SlackResult<MessageRef> result = api.postMessage("C111", null, text("x"));

        SlackResult.Failed<?> failed = assertInstanceOf(SlackResult.Failed.class, result);
        assertEquals(SlackFailureKind.HTTP_ERROR, failed.kind());
        assertEquals("HTTP 503", failed.detail());
        assertEquals(1, slack.calls("chat.postMessage").size());
        assertEquals(0, slack.messages("C111").size());
    }

    @Test
    void aDroppedConnectionIsAnIoFailure() {
        slack.inject(FaultRule.on("chat.postMessage", new Fault.DropConnection()));

        SlackResult<MessageRef> result = api.postMessage("C111", null, text("x"));

        assertEquals(
                SlackFailureKind.IO_ERROR,
                assertInstanceOf(SlackResult.Failed.class, result).kind());
    }

    @Test
    void blocksOverSlacksLimitsAreRefusedWithJsonPointerMessages() {
        LayoutBlock tooLong = SectionBlock.builder()
                .text(MarkdownTextObject.builder().text("x".repeat(3001)).build())
                .build();
        LayoutBlock fine = SectionBlock.builder()
                .text(MarkdownTextObject.builder().text("ok").build())
                .build();

        SlackResult<MessageRef> result =
                api.postMessage("C111", null, new SlackMessage("fallback", List.of(fine, tooLong)));

        SlackResult.Failed<?> failed = assertInstanceOf(SlackResult.Failed.class, result);
        assertEquals(SlackFailureKind.INVALID_BLOCKS, failed.kind());
        assertEquals(
                "invalid_blocks: [ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]",
                failed.detail());
    }

    @Test
    void hugeEvidenceRenderedByTheBuilderIsAcceptedBySlack() {
        MessageBuilder builder =
                MessageBuilder.message("runbookctl timeline INC-9").header("payments-slow: diagnosing");
        for (int i = 0; i < 80; i++) {
            builder.codeSection(("line " + i + " <!here> ").repeat(600));
        }
        SlackMessage message = builder.build("payments-slow: diagnosing");

        MessageRef ref = ok(api.postMessage("C111", null, message));

        PostedMessage posted = slack.message(ref.ts()).orElseThrow();
        assertTrue(posted.blocks().size() <= 50);
        assertTrue(posted.allText().contains("runbookctl timeline INC-9"));
        assertFalse(posted.allText().contains("<!here>"));
    }

    @Test
    void updatingAPersonsMessageIsRefusedBySlack() {
        PostedMessage theirs = slack.postAsUser("C111", "U111", "hi");

        SlackResult<MessageRef> result = api.update(new MessageRef("C111", theirs.ts()), text("mine now"));

        SlackResult.Failed<?> failed = assertInstanceOf(SlackResult.Failed.class, result);
        assertEquals(SlackFailureKind.SLACK_ERROR, failed.kind());
        assertEquals("cant_update_message", failed.detail());
    }

    @Test
    void ephemeralPermalinkUsergroupChannelInfoAndHomeTab() {
        MessageRef ref = ok(api.postMessage("C111", null, text("parent")));
        slack.addUsergroup("S0ONCALL", "U111", "U222");

        String ephemeralTs = ok(api.postEphemeral("C111", "U222", ref.ts(), text("only you")));
        String permalink = ok(api.permalink(ref));
        List<String> members = ok(api.usergroupMembers("S0ONCALL"));
        ChannelInfo info = ok(api.channelInfo("C111"));
        String viewId = ok(api.publishHome(
                "U111",
                MessageBuilder.surface("runbookctl list").header("Runbooks").buildBlocks()));

        assertEquals("U222", slack.ephemerals().get(0).userId());
        assertEquals(ephemeralTs, slack.ephemerals().get(0).messageTs());
        assertTrue(permalink.endsWith("/archives/C111/p" + ref.ts().replace(".", "")), permalink);
        assertEquals(List.of("U111", "U222"), members);
        assertEquals(new ChannelInfo("C111", "random", false, false, true), info);
        assertEquals(viewId, slack.homeView("U111").orElseThrow().viewId());
        SlackResult<List<String>> unknown = api.usergroupMembers("S0NOPE");
        assertEquals(
                "no_such_subteam",
                assertInstanceOf(SlackResult.Failed.class, unknown).detail());
    }

    @Test
    void aResponseUrlOffSlacksHostIsNotCalled() {
        SlackResult<Void> result = api.respondEphemeral("http://203.0.113.7/hooks/x", "hi");

        SlackResult.Failed<?> failed = assertInstanceOf(SlackResult.Failed.class, result);
        assertEquals(SlackFailureKind.REFUSED, failed.kind());
        assertEquals("response_url host 203.0.113.7 is not Slack's (127.0.0.1)", failed.detail());
    }

    private static SlackMessage text(String plain) {
        return MessageBuilder.message("runbookctl timeline INC-1")
                .textSection(plain)
                .build(plain);
    }

    private <T> T ok(SlackResult<T> result) {
        assertTrue(result.isOk(), result.describe() + "\n" + slack.log());
        return ((SlackResult.Ok<T>) result).value();
    }
}

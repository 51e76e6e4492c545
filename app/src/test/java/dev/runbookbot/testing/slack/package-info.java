/**
 * A fake Slack for tests, in the test's JVM on 127.0.0.1: a Web API server ({@code POST /api/{method}}, form or JSON
 * bodies, Bearer or {@code token=} tokens, {@code /hooks/...} for {@code response_url}s) and a Socket Mode WebSocket
 * server ({@code /link/?ticket=...}), both on port 0 with TCP_NODELAY, around a small world model of channels, users,
 * user groups, posted messages and Home tabs.
 *
 * <p>It is written from Slack's documentation and the payload fixtures in {@code app/src/test/resources/fixtures}, and shares no code
 * with the bot, so a test that passes against it says something about the bot rather than about a shared helper. Clicks
 * can only be simulated on buttons the bot actually posted ({@link dev.runbookbot.testing.slack.FakeSlack#clickButton}),
 * faults are injected per method and channel ({@link dev.runbookbot.testing.slack.FaultRule}), and every wait has a
 * deadline and fails with the fake's JSONL log of calls, envelopes and acks.
 */
package dev.runbookbot.testing.slack;

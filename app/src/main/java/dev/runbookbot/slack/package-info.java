/**
 * The Slack adapter: Bolt for Java in Socket Mode, and the Web API calls the bot makes.
 *
 * <p>{@link dev.runbookbot.slack.SlackConnection} opens the Socket Mode link and registers listeners that follow one
 * rule: parse, check who is asking, hand the work to an executor, acknowledge. Bolt sends the envelope ack only when a
 * listener returns, and sends none at all when a listener throws or nothing matches, so no listener here does I/O.
 * Every payload is checked against the configured team id and {@code api_app_id} by
 * {@link dev.runbookbot.slack.PayloadIdentityGuard} before it can reach a handler, because Bolt itself does not check
 * them. {@link dev.runbookbot.slack.SlackWebApi} wraps the synchronous {@code MethodsClient}: it paces each method and
 * channel to Slack's published rate ({@link dev.runbookbot.slack.RequestPacer}), lets parent messages go before other
 * calls of the same channel ({@link dev.runbookbot.slack.SendPriority}), waits out HTTP 429 {@code Retry-After} windows
 * per method and channel, gives up after a bounded number of attempts, and returns every outcome as a {@link
 * dev.runbookbot.slack.SlackResult} value; {@link dev.runbookbot.slack.MessageUpdateCoalescer} keeps progress updates
 * of one message under Slack's rate limits and tries again an update Slack did not take. {@link
 * dev.runbookbot.slack.SlackChatGateway} is the core's {@code ChatGateway} in Slack: two posts per incident (the parent,
 * edited in place, and one thread reply edited as the diagnosis, verdict and proposals arrive), each incident's
 * messages delivered durably through a Slack outage by an {@code IncidentThread}. {@link
 * dev.runbookbot.slack.EphemeralReplies} answers one person only, and {@link
 * dev.runbookbot.slack.SlackApproverDirectory} resolves approver user groups when a click is checked. The ports the dispatch hands payloads to ({@link dev.runbookbot.slack.SlashCommandHandler}, {@link dev.runbookbot.slack.ButtonHandler}, {@link dev.runbookbot.slack.AppHomeHandler}) and the records they receive live here, with the dispatch that calls them; their implementations for the incident flow live in {@code slack.command} and {@code slack.interaction}, which import this package and never the reverse; Block Kit rendering with Slack's
 * limits lives in {@code slack.render}.
 */
package dev.runbookbot.slack;

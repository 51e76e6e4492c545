/**
 * Block Kit rendering under Slack's limits. {@link dev.runbookbot.slack.render.Mrkdwn} escapes text that comes from
 * alerts, commands or diagnostic output, so it cannot page a channel ({@code <!channel>}), mention people or disguise a
 * link. {@link dev.runbookbot.slack.render.MessageBuilder} is the one way to assemble a message: it keeps a message
 * within 50 blocks, 3,000 characters per section and a total text budget, truncates long evidence with a pointer to
 * the full record, and refuses button ids and values that Slack would reject.
 */
package dev.runbookbot.slack.render;

/**
 * Block Kit rendering under Slack's limits: the core model in, messages out. {@link
 * dev.runbookbot.slack.render.Mrkdwn} escapes text that comes from alerts, commands or diagnostic output, so it cannot
 * page a channel ({@code <!channel>}), mention people or disguise a link. {@link
 * dev.runbookbot.slack.render.MessageBuilder} is the one way to assemble a message: it keeps a message within 50 blocks,
 * 3,000 characters per section and a total text budget, truncates long evidence with a pointer to the full record, and
 * refuses button ids and values that Slack would reject. On top of it, one class per message of an incident thread:
 * the parent ({@link dev.runbookbot.slack.render.IncidentMessage}), the diagnosis progress ({@link
 * dev.runbookbot.slack.render.DiagnosisMessage}), the plan ({@link dev.runbookbot.slack.render.PlanMessage}), one
 * remediation run with the buttons its state allows ({@link dev.runbookbot.slack.render.RemediationMessage}), and the
 * Home tab ({@link dev.runbookbot.slack.render.HomeTab}). They are pure functions of the record, so the same state
 * always renders the same message, and an edit after a restart shows what a post before it would have.
 */
package dev.runbookbot.slack.render;

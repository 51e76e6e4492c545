/**
 * The {@code /runbook} slash command as the incident flow sees it: a plain {@link
 * dev.runbookbot.slack.command.SlashCommand} record, already checked for team and app identity, and the {@link
 * dev.runbookbot.slack.command.SlashCommandHandler} port that receives it on a worker thread after Slack has been
 * acknowledged. Nothing here depends on Bolt types, so the command grammar can be parsed and tested without a
 * connection.
 */
package dev.runbookbot.slack.command;

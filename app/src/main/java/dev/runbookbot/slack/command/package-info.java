/**
 * The {@code /runbook} slash command: a plain {@link dev.runbookbot.slack.command.SlashCommand} record, already checked
 * for team and app identity, the {@link dev.runbookbot.slack.command.SlashCommandHandler} port that receives it on a
 * worker thread after Slack has been acknowledged, and {@link dev.runbookbot.slack.command.RunbookCommands}, the
 * handler: it reads the text with a small grammar (words, quoted values, {@code key=value}, {@code --step}; nothing is
 * ever evaluated), starts runs through the incident service and answers everything else to the person who typed it.
 * Nothing here depends on Bolt types, so the grammar is parsed and tested without a connection.
 */
package dev.runbookbot.slack.command;

/**
 * The {@code /runbook} slash command: {@link dev.runbookbot.slack.command.RunbookCommands} implements the {@link
 * dev.runbookbot.slack.SlashCommandHandler} port of the Slack adapter's root, which hands it a {@link
 * dev.runbookbot.slack.SlashCommand} already checked for team and app identity, on a worker thread after Slack has been
 * acknowledged. It reads the text with a small grammar (words, quoted values, {@code key=value}, {@code --step}; nothing
 * is ever evaluated), starts runs through the incident service and answers everything else to the person who typed it.
 * Nothing here depends on Bolt types, so the grammar is parsed and tested without a connection.
 */
package dev.runbookbot.slack.command;

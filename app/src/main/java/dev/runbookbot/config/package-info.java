/**
 * The configuration, read once at start-up from the optional file {@code runbook-bot.yaml} and the environment (which
 * wins): {@link dev.runbookbot.config.Settings} and its sections, such as {@link dev.runbookbot.config.SlackSection}.
 * With {@code runtime}, the only code that reads files or environment variables at start-up. Every bad value is a
 * {@link dev.runbookbot.config.SettingsException} that names the file key and the variable, so the person at the
 * terminal knows where to fix it; secrets arrive as {@link dev.runbookbot.secrets.Secret}s and never print.
 */
package dev.runbookbot.config;

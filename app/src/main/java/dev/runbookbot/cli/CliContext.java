package dev.runbookbot.cli;

import dev.runbookbot.runbook.lint.Linter;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the subcommands need from the rest of the application, built by the caller (Main through {@code runtime}, or a
 * test) and created lazily, so {@code runbookctl schema} builds nothing it does not use. Add a component here when a
 * subcommand needs a new collaborator.
 *
 * @param linter checks runbooks ({@code lint})
 * @param store reads the bot's database read-only ({@code incidents}, {@code timeline}, {@code report})
 * @param defaultDatabase the database file when {@code --db} is not given
 * @param bot builds the Slack bot ({@code bot}); called only by that command
 */
public record CliContext(
        Supplier<Linter> linter, StoreReader store, Supplier<Path> defaultDatabase, Supplier<BotProcess> bot) {}

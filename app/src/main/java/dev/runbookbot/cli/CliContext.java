package dev.runbookbot.cli;

import dev.runbookbot.runbook.lint.Linter;
import java.util.function.Supplier;

/**
 * What the subcommands need from the rest of the application, built by the caller (Main, or a test) and created
 * lazily, so {@code runbookctl schema} builds nothing it does not use. Add a supplier here when a subcommand needs a
 * new collaborator.
 */
public record CliContext(Supplier<Linter> linter) {}

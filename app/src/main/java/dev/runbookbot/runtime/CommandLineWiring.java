package dev.runbookbot.runtime;

import dev.runbookbot.cli.CliContext;
import dev.runbookbot.config.Settings;
import java.util.Optional;

/**
 * The collaborators of {@code runbookctl}'s subcommands, built lazily from the configuration file and the
 * environment ({@link Settings#load}) when a subcommand first needs them.
 */
public final class CommandLineWiring {
    private CommandLineWiring() {}

    public static CliContext context() {
        return new CliContext(() -> LintSetup.linter(Settings.load(Optional.empty(), System.getenv())));
    }
}

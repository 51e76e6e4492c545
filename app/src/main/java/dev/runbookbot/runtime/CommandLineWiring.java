package dev.runbookbot.runtime;

import dev.runbookbot.cli.CliContext;
import dev.runbookbot.config.Settings;
import dev.runbookbot.store.JdbiIncidentQueries;
import dev.runbookbot.store.JdbiPromotions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The collaborators of {@code runbookctl}'s subcommands, built lazily from the configuration file and the
 * environment ({@link Settings#load}) when a subcommand first needs them.
 */
public final class CommandLineWiring {
    private CommandLineWiring() {}

    public static CliContext context() {
        Supplier<Settings> settings = () -> Settings.load(Optional.empty(), System.getenv());
        return new CliContext(
                () -> LintSetup.linter(settings.get()),
                JdbiIncidentQueries::readOnly,
                () -> settings.get().databasePath(),
                JdbiPromotions::atFile,
                () -> System.getProperty("user.name", ""));
    }
}

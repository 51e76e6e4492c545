package dev.runbookbot.runtime;

import dev.runbookbot.cli.CliContext;
import dev.runbookbot.cli.SecretInput;
import dev.runbookbot.config.Settings;
import dev.runbookbot.store.JdbiIncidentQueries;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.JdbiSecretStore;
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
                JdbiSecretStore::withFile,
                () -> settings.get().masterKeys(),
                new SecretInput(System.in, System.console()),
                () -> "cli:" + System.getProperty("user.name", "unknown"),
                JdbiPromotions::atFile,
                () -> System.getProperty("user.name", ""));
    }
}

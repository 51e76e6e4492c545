package dev.runbookbot.runtime;

import dev.runbookbot.cli.BotProcess;
import dev.runbookbot.cli.CliContext;
import dev.runbookbot.config.Settings;
import dev.runbookbot.store.JdbiIncidentQueries;
import java.time.Duration;
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
                () -> bot(BotRuntime.builder(settings.get()).build()));
    }

    private static BotProcess bot(BotRuntime runtime) {
        return new BotProcess() {
            @Override
            public void start() {
                runtime.start();
            }

            @Override
            public boolean awaitReady(Duration timeout) throws InterruptedException {
                return runtime.awaitReady(timeout);
            }

            @Override
            public void stop() {
                runtime.stop();
            }
        };
    }
}

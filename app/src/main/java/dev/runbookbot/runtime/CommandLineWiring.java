package dev.runbookbot.runtime;

import dev.runbookbot.cli.BotProcess;
import dev.runbookbot.cli.CliContext;
import dev.runbookbot.cli.SecretInput;
import dev.runbookbot.config.Settings;
import dev.runbookbot.store.JdbiIncidentQueries;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.JdbiSecretStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The collaborators of {@code runbookctl}'s subcommands, built lazily from the configuration file and the
 * environment ({@link Settings#load}) when a subcommand first needs them.
 */
public final class CommandLineWiring {
    private CommandLineWiring() {}

    public static CliContext context() {
        return context(System.getenv());
    }

    /** The context for this environment (tests pass their own instead of the process's). */
    public static CliContext context(Map<String, String> env) {
        Supplier<Settings> settings = () -> Settings.load(Optional.empty(), env);
        return new CliContext(
                () -> LintSetup.linter(settings.get()),
                JdbiIncidentQueries::readOnly,
                () -> settings.get().databasePath(),
                JdbiSecretStore::withFile,
                () -> settings.get().masterKeys(),
                new SecretInput(System.in, System.console()),
                () -> "cli:" + System.getProperty("user.name", "unknown"),
                JdbiPromotions::atFile,
                () -> System.getProperty("user.name", ""),
                new CommandLineDiagnosis(env, Clock.systemUTC()),
                () -> bot(
                        BotRuntime.builder(settings.get()).reloadOnHangup(true).build()));
    }

    private static BotProcess bot(BotRuntime runtime) {
        return new BotProcess() {
            @Override
            public void start(boolean initDatabase) {
                runtime.start(initDatabase);
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

package dev.runbookbot.runtime;

import dev.runbookbot.cli.BotProcess;
import dev.runbookbot.cli.CliContext;
import dev.runbookbot.cli.SecretInput;
import dev.runbookbot.config.Settings;
import dev.runbookbot.workspace.LocalWorkspace;
import java.net.URI;
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
        CommandLineStores stores = new CommandLineStores(settings, env);
        return new CliContext(
                        () -> LintSetup.linter(Settings.loadWithoutSandboxTrial(Optional.empty(), env)),
                        stores.reader(),
                        () -> settings.get().databasePath(),
                        stores.secrets(),
                        () -> settings.get().masterKeys(),
                        new SecretInput(System.in, System.console()),
                        () -> "cli:" + System.getProperty("user.name", "unknown"),
                        stores.promotions(),
                        () -> System.getProperty("user.name", ""),
                        new CommandLineDiagnosis(env, Clock.systemUTC()),
                        () -> bot(env))
                .withStoreCopier(stores.copier());
    }

    /** The bot of {@code runbookctl bot}: built at start, for Slack or, with {@code --local}, for a local workspace. */
    private static BotProcess bot(Map<String, String> env) {
        return new BotProcess() {
            private BotRuntime runtime;
            private LocalWorkspace workspace;

            @Override
            public synchronized void start(boolean initDatabase, boolean local) {
                if (local) {
                    workspace = new LocalWorkspace(Clock.systemUTC()).start();
                    runtime = LocalBot.build(env, workspace, Clock.systemUTC());
                } else {
                    // The sandbox is tried while the bot starts, beside its other parts, not before them.
                    runtime = BotRuntime.builder(Settings.loadUntried(Optional.empty(), env))
                            .reloadOnHangup(true)
                            .build();
                }
                runtime.start(initDatabase);
            }

            @Override
            public synchronized Optional<URI> workspaceUrl() {
                return workspace == null ? Optional.empty() : Optional.of(LocalBot.pageUrl(runtime, env));
            }

            @Override
            public boolean awaitReady(Duration timeout) throws InterruptedException {
                return runtime.awaitReady(timeout);
            }

            @Override
            public synchronized void stop() {
                if (runtime != null) {
                    runtime.stop();
                }
                if (workspace != null) {
                    workspace.close();
                }
            }
        };
    }
}

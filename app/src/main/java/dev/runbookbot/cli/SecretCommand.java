package dev.runbookbot.cli;

import dev.runbookbot.secrets.MasterKeys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl secret}: the encrypted credentials in the bot's database ({@code set}, {@code list}, {@code rm},
 * {@code rotate-key}), registered by {@link Runbookctl}. Without a subcommand it prints usage and exits 2.
 */
@Command(
        name = "secret",
        mixinStandardHelpOptions = true,
        description = {
            "Manage the encrypted credentials that runbooks refer to by name.",
            "Values are encrypted with AES-256-GCM under RUNBOOK_MASTER_KEY (or RUNBOOK_MASTER_KEY_FILE) and are never"
                    + " printed."
        })
public final class SecretCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /**
     * The {@code secret} command with its subcommands.
     *
     * @param access opens the store ({@code JdbiSecretStore::withFile})
     * @param keys the configured master keys ({@code Settings::masterKeys}); asked for only by the commands that
     *     encrypt or decrypt, so {@code list} and {@code rm} work without a key
     * @param defaultDatabase the database when {@code --db} is not given ({@code RUNBOOK_DB}, resolved by config)
     * @param input where {@code set} reads a value
     * @param operator who is running the command, recorded with each change (for example {@code cli:alice})
     */
    public static CommandLine commandLine(
            SecretStoreAccess access,
            Supplier<MasterKeys> keys,
            Supplier<Path> defaultDatabase,
            SecretInput input,
            Supplier<String> operator) {
        CommandLine commandLine = new CommandLine(new SecretCommand());
        commandLine.addSubcommand("set", new SecretSetCommand(access, keys, defaultDatabase, input, operator));
        commandLine.addSubcommand("list", new SecretListCommand(access, defaultDatabase));
        commandLine.addSubcommand("rm", new SecretRemoveCommand(access, defaultDatabase));
        commandLine.addSubcommand("rotate-key", new SecretRotateKeyCommand(access, keys, defaultDatabase));
        return commandLine;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}

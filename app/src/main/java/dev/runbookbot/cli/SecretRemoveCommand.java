package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.MasterKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbookctl secret rm NAME}: removes a stored secret. Needs no key. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a stored secret.")
final class SecretRemoveCommand implements Callable<Integer> {
    private final SecretStoreAccess access;
    private final Supplier<Path> defaultDatabase;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret to remove.")
    private String name;

    SecretRemoveCommand(SecretStoreAccess access, Supplier<Path> defaultDatabase) {
        this.access = access;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path file = database.resolve(defaultDatabase);
        boolean removed;
        try {
            removed = access.withStore(file, MasterKeys.none(), false, s -> s.remove(name));
        } catch (StoreException e) {
            err.println("runbookctl secret rm: " + e.getMessage());
            return 1;
        }
        if (!removed) {
            err.println("runbookctl secret rm: no secret named '" + TextTable.terminalSafe(name) + "' in " + file);
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("removed secret " + name);
        out.flush();
        return 0;
    }
}

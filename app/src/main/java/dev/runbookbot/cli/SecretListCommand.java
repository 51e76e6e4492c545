package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretInfo;
import dev.runbookbot.secrets.SecretStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runbookctl secret list}: names, key ids and who set them when; never values. Needs no key. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List stored secrets: name, the id of the key each is encrypted with, when and by whom it was"
                + " last set (UTC). Values are never shown.")
final class SecretListCommand implements Callable<Integer> {
    private final SecretStoreAccess access;
    private final Supplier<Path> defaultDatabase;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    SecretListCommand(SecretStoreAccess access, Supplier<Path> defaultDatabase) {
        this.access = access;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public Integer call() {
        List<SecretInfo> secrets;
        try {
            secrets = access.withStore(database.resolve(defaultDatabase), MasterKeys.none(), true, SecretStore::list);
        } catch (StoreException e) {
            spec.commandLine().getErr().println("runbookctl secret list: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (secrets.isEmpty()) {
            out.println("No secrets stored.");
            out.flush();
            return 0;
        }
        TextTable table = new TextTable("NAME", "KEY", "UPDATED (UTC)", "BY");
        for (SecretInfo s : secrets) {
            table.row(s.name(), s.keyId(), Times.utc(s.updatedAt()), s.updatedBy());
        }
        table.print(out);
        out.flush();
        return 0;
    }
}

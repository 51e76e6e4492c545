package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.KeyRotation;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl secret rotate-key}: re-encrypts every secret under the new key ({@code RUNBOOK_MASTER_KEY}),
 * decrypting with the old one ({@code RUNBOOK_MASTER_KEY_PREVIOUS}), in one transaction: all or nothing.
 */
@Command(
        name = "rotate-key",
        mixinStandardHelpOptions = true,
        description = {
            "Re-encrypt every stored secret under the new master key, in one transaction (all or nothing).",
            "Set the new key as RUNBOOK_MASTER_KEY and the old one as RUNBOOK_MASTER_KEY_PREVIOUS (or their _FILE"
                    + " variants), run this, then drop the old key. Make a new key with: openssl rand -base64 32"
        })
final class SecretRotateKeyCommand implements Callable<Integer> {
    private final SecretStoreAccess access;
    private final Supplier<MasterKeys> keys;
    private final Supplier<Path> defaultDatabase;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    SecretRotateKeyCommand(SecretStoreAccess access, Supplier<MasterKeys> keys, Supplier<Path> defaultDatabase) {
        this.access = access;
        this.keys = keys;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        MasterKeys configured;
        try {
            configured = keys.get();
        } catch (RuntimeException e) {
            // The keys could not be read (a malformed RUNBOOK_MASTER_KEY, a key file others can read).
            err.println("runbookctl secret rotate-key: " + e.getMessage());
            return 1;
        }
        KeyRotation rotation;
        try {
            rotation = access.withStore(database.resolve(defaultDatabase), configured, false, s -> s.rotateKey());
        } catch (SecretException e) {
            err.println("runbookctl secret rotate-key: nothing was changed: " + e.getMessage());
            return 1;
        } catch (StoreException e) {
            err.println("runbookctl secret rotate-key: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("re-encrypted " + rotation.reencrypted() + (rotation.reencrypted() == 1 ? " secret" : " secrets")
                + " under key " + rotation.keyId() + "; " + rotation.alreadyCurrent() + " already used it");
        out.flush();
        return 0;
    }
}

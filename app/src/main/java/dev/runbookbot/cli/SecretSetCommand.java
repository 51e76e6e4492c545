package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretException;
import dev.runbookbot.secrets.SecretInfo;
import dev.runbookbot.secrets.SecretRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code runbookctl secret set NAME}: stores a value read from standard input (never from the command line). */
@Command(
        name = "set",
        mixinStandardHelpOptions = true,
        description = {
            "Encrypt and store a secret, replacing any value it had.",
            "The value is read from standard input (for example: printf %s \"$TOKEN\" | runbookctl secret set"
                    + " pagerduty-token), or typed without echo at a terminal; never from the command line.",
            "Values shorter than 4 characters are refused: they could not be masked in output."
        })
final class SecretSetCommand implements Callable<Integer> {
    private final SecretStoreAccess access;
    private final Supplier<MasterKeys> keys;
    private final Supplier<Path> defaultDatabase;
    private final SecretInput input;
    private final Supplier<String> operator;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name, as runbooks refer to it.")
    private String name;

    /** Anything after NAME: refused without being echoed, since it is most likely the value. */
    @Unmatched
    private List<String> unmatched = new ArrayList<>();

    SecretSetCommand(
            SecretStoreAccess access,
            Supplier<MasterKeys> keys,
            Supplier<Path> defaultDatabase,
            SecretInput input,
            Supplier<String> operator) {
        this.access = access;
        this.keys = keys;
        this.defaultDatabase = defaultDatabase;
        this.input = input;
        this.operator = operator;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!unmatched.isEmpty()) {
            err.println("runbookctl secret set: takes only NAME; the value is read from standard input (printf %s"
                    + " \"$VALUE\" | runbookctl secret set NAME), never from the command line, where ps and shell"
                    + " history show it. Nothing was stored.");
            return 2;
        }
        try {
            SecretRules.checkName(name);
        } catch (IllegalArgumentException e) {
            err.println("runbookctl secret set: " + e.getMessage());
            return 2;
        }
        MasterKeys configured;
        try {
            configured = keys.get();
        } catch (RuntimeException e) {
            // The keys could not be read (a malformed RUNBOOK_MASTER_KEY, a key file others can read).
            err.println("runbookctl secret set: " + e.getMessage());
            return 1;
        }
        if (configured.current().isEmpty()) {
            err.println("runbookctl secret set: no master key is configured; set RUNBOOK_MASTER_KEY (openssl rand"
                    + " -base64 32) or RUNBOOK_MASTER_KEY_FILE. Nothing was stored.");
            return 1;
        }
        String value;
        try {
            value = input.read(name);
            SecretRules.checkValue(name, value);
        } catch (IOException e) {
            err.println("runbookctl secret set: cannot read the value from standard input: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            // Empty, too short, too long or not UTF-8; the messages never hold the value.
            err.println("runbookctl secret set: " + e.getMessage());
            return 1;
        }
        SecretInfo stored;
        try {
            stored = access.withStore(
                    database.resolve(defaultDatabase), configured, false, s -> s.put(name, value, operator.get()));
        } catch (StoreException | SecretException | IllegalArgumentException e) {
            err.println("runbookctl secret set: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("stored secret " + stored.name() + " (key " + stored.keyId() + ")");
        out.flush();
        return 0;
    }
}

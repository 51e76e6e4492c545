package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretStore;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code runbookctl secret}, in-process against a real SQLite file, with its exact output. */
class SecretCommandsTest {
    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");
    private final AtomicReference<Supplier<MasterKeys>> keys = new AtomicReference<>(() -> MasterKeys.of(TestKeys.a()));

    /** The SQLite store on the test's clock, so listed times are exact. */
    private final SecretStoreAccess access = new SecretStoreAccess() {
        @Override
        public <T> T withStore(
                Path database, MasterKeys keys, boolean readOnly, Function<? super SecretStore, ? extends T> work) {
            StoreOptions options = StoreOptions.at(database);
            try (SqliteDatabase db =
                    readOnly ? SqliteDatabase.openReadOnly(options) : SqliteDatabase.open(options, clock)) {
                return work.apply(new JdbiSecretStore(db, new SecretBox(keys, new SecureRandom()), clock));
            }
        }
    };

    record Run(int exit, String out, String err) {}

    private Path db() {
        return directory.resolve("runbook-bot.db");
    }

    private Run run(SecretStoreAccess with, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = SecretCommand.commandLine(
                with,
                () -> keys.get().get(),
                this::db,
                new SecretInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null),
                () -> "cli:alice");
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String stdin, String... args) {
        return run(access, stdin, args);
    }

    private String stored(String name) {
        return access.withStore(db(), keys.get().get(), true, s -> s.get(name))
                .orElseThrow()
                .reveal();
    }

    @Test
    void setReadsTheValueFromStandardInput() {
        Run set = run("hunter22\n", "set", "db-password");
        assertEquals(new Run(0, "stored secret db-password (key " + TestKeys.A_ID + ")\n", ""), set);
        assertEquals("hunter22", stored("db-password"));

        assertEquals(0, run("tok-0123456789\r\n", "set", "api-token").exit());
        assertEquals("tok-0123456789", stored("api-token"));
        assertEquals(0, run("no-newline", "set", "plain").exit());
        assertEquals("no-newline", stored("plain"));
        assertEquals(
                0,
                run("-----BEGIN KEY-----\nMIIB\n-----END KEY-----\n", "set", "pem")
                        .exit());
        assertEquals("-----BEGIN KEY-----\nMIIB\n-----END KEY-----", stored("pem"));
    }

    @Test
    void setRefusesEmptyShortAndUnreadableValues() {
        assertEquals(
                new Run(
                        1,
                        "",
                        "runbookctl secret set: the value of secret 'db-password' is empty; nothing was stored\n"),
                run("", "set", "db-password"));
        assertEquals(1, run("\n", "set", "db-password").exit());
        assertEquals(
                new Run(
                        1,
                        "",
                        "runbookctl secret set: the value of secret 'pin' is 3 characters; values shorter than 4"
                                + " characters are refused because they cannot be masked in output without mangling"
                                + " ordinary text and giving the value away\n"),
                run("123\n", "set", "pin"));
        StringWriter err = new StringWriter();
        var commandLine = SecretCommand.commandLine(
                access,
                () -> keys.get().get(),
                this::db,
                new SecretInput(new ByteArrayInputStream(new byte[] {'a', 'b', (byte) 0xff, 'c', 'd'}), null),
                () -> "cli:alice");
        commandLine.setErr(new PrintWriter(err));
        assertEquals(1, commandLine.execute("set", "binary"));
        assertEquals(
                "runbookctl secret set: the value for secret 'binary' on standard input is not UTF-8 text (store"
                        + " binary values as base64); nothing was stored\n",
                err.toString());
        assertEquals(1, run("", "list").exit(), "nothing was stored, so no database was even created");
        assertEquals(0, run("hunter22\n", "set", "db-password").exit());
        assertEquals(0, run("", "rm", "db-password").exit());
        assertEquals(new Run(0, "No secrets stored.\n", ""), run("", "list"));
    }

    @Test
    void setNeverTakesTheValueFromTheCommandLineAndNeverEchoesIt() {
        for (String[] args : List.of(
                new String[] {"set", "db-password", "hunter22"},
                new String[] {"set", "db-password", "--value=hunter22"},
                new String[] {"set", "--value", "hunter22", "db-password"})) {
            Run refused = run("", args);
            assertEquals(2, refused.exit(), refused.err());
            assertFalse(refused.err().contains("hunter22"), refused.err());
            assertFalse(refused.out().contains("hunter22"), refused.out());
        }
        assertEquals(
                "runbookctl secret set: takes only NAME; the value is read from standard input (printf %s \"$VALUE\" |"
                        + " runbookctl secret set NAME), never from the command line, where ps and shell history show"
                        + " it. Nothing was stored.\n",
                run("", "set", "db-password", "hunter22").err());
        assertEquals(1, run("", "list").exit(), "no database was even created");
    }

    @Test
    void aBadNameOrAMissingKeyIsRefusedBeforeReadingTheValue() {
        assertEquals(
                new Run(
                        2,
                        "",
                        "runbookctl secret set: 'db password' is not a valid secret name: use letters, digits, '.', '_'"
                                + " and '-', starting with a letter or digit, at most 100 characters\n"),
                run("hunter22", "set", "db password"));
        keys.set(MasterKeys::none);
        assertEquals(
                new Run(
                        1,
                        "",
                        "runbookctl secret set: no master key is configured; set RUNBOOK_MASTER_KEY (openssl rand"
                                + " -base64 32) or RUNBOOK_MASTER_KEY_FILE. Nothing was stored.\n"),
                run("hunter22", "set", "db-password"));
        keys.set(() -> {
            throw new IllegalArgumentException(
                    "RUNBOOK_MASTER_KEY must be base64 of 32 bytes (openssl rand -base64 32); got 17 bytes");
        });
        assertEquals(
                new Run(
                        1,
                        "",
                        "runbookctl secret set: RUNBOOK_MASTER_KEY must be base64 of 32 bytes (openssl rand -base64"
                                + " 32); got 17 bytes\n"),
                run("hunter22", "set", "db-password"));
    }

    @Test
    void listShowsNamesKeysAndWhoSetThemButNoValues() {
        run("r3dis-pass\n", "set", "redis-password");
        clock.advance(Duration.ofMinutes(90));
        run("tok-0123456789\n", "set", "api-token");
        keys.set(() -> {
            throw new IllegalStateException("list must not need a key");
        });
        Run list = run("", "list");
        assertEquals(new Run(0, """
                        NAME            KEY         UPDATED (UTC)        BY
                        api-token       k-630dcd29  2024-05-01 11:30:00  cli:alice
                        redis-password  k-630dcd29  2024-05-01 10:00:00  cli:alice
                        """, ""), list);
        assertEquals(new Run(0, """
                        NAME            KEY         UPDATED (UTC)        BY
                        api-token       k-630dcd29  2024-05-01 11:30:00  cli:alice
                        redis-password  k-630dcd29  2024-05-01 10:00:00  cli:alice
                        """, ""), run("", "list", "--db", db().toString()));
        Run missing = run("", "list", "--db", directory.resolve("none.db").toString());
        assertEquals(1, missing.exit());
        assertEquals(
                "runbookctl secret list: no database at " + directory.resolve("none.db")
                        + "; runbook-bot creates it when it first starts (pass --db or set RUNBOOK_DB to its file)\n",
                missing.err());
    }

    @Test
    void rmRemovesOrSaysThereIsNone() {
        run("hunter22\n", "set", "db-password");
        keys.set(MasterKeys::none);
        assertEquals(new Run(0, "removed secret db-password\n", ""), run("", "rm", "db-password"));
        assertEquals(
                new Run(1, "", "runbookctl secret rm: no secret named 'db-password' in " + db() + "\n"),
                run("", "rm", "db-password"));
    }

    @Test
    void rotateKeyReencryptsEverythingUnderTheNewKey() {
        run("hunter22\n", "set", "db-password");
        run("tok-0123456789\n", "set", "api-token");
        keys.set(() -> MasterKeys.rotating(TestKeys.b(), TestKeys.a()));
        assertEquals(
                new Run(0, "re-encrypted 2 secrets under key " + TestKeys.B_ID + "; 0 already used it\n", ""),
                run("", "rotate-key"));
        String listed = run("", "list").out();
        assertEquals(2, listed.split(TestKeys.B_ID, -1).length - 1, listed);
        assertFalse(listed.contains(TestKeys.A_ID), listed);
        keys.set(() -> MasterKeys.of(TestKeys.b()));
        assertEquals("hunter22", stored("db-password"));
        assertEquals(
                new Run(0, "re-encrypted 0 secrets under key " + TestKeys.B_ID + "; 2 already used it\n", ""),
                run("", "rotate-key"));

        keys.set(() -> MasterKeys.rotating(TestKeys.c(), TestKeys.a()));
        assertEquals(
                new Run(
                        1,
                        "",
                        "runbookctl secret rotate-key: nothing was changed: secret 'api-token' was encrypted with key "
                                + TestKeys.B_ID + ", but the configured keys are " + TestKeys.C_ID
                                + " (RUNBOOK_MASTER_KEY) and " + TestKeys.A_ID
                                + " (RUNBOOK_MASTER_KEY_PREVIOUS): set the key it was encrypted with as"
                                + " RUNBOOK_MASTER_KEY_PREVIOUS\n"),
                run("", "rotate-key"));
        keys.set(() -> MasterKeys.of(TestKeys.b()));
        assertEquals("tok-0123456789", stored("api-token"));
    }

    @Test
    void withoutASubcommandItPrintsUsage() {
        Run bare = run("", new String[0]);
        assertEquals(2, bare.exit());
        assertTrue(bare.err().contains("Usage: secret"), bare.err());
        assertTrue(bare.err().contains("rotate-key"), bare.err());
    }

    @Test
    void theSqliteStoreWiresInDirectly() {
        SecretStoreAccess wired = JdbiSecretStore::withFile;
        assertEquals(
                new Run(0, "stored secret db-password (key " + TestKeys.A_ID + ")\n", ""),
                run(wired, "hunter22\n", "set", "db-password"));
        assertEquals(0, run(wired, "", "list").exit());
        assertEquals("hunter22", stored("db-password"));
    }

    @Test
    void runbookctlRegistersTheSecretCommand() {
        StringWriter out = new StringWriter();
        CommandLine root = Runbookctl.commandLine(new CliContext(
                () -> {
                    throw new AssertionError("secret needs no linter");
                },
                new StoreReader() {
                    @Override
                    public <T> T read(Path database, Function<? super IncidentQueries, ? extends T> query) {
                        throw new AssertionError("secret needs no incident reader");
                    }
                },
                this::db,
                access,
                () -> MasterKeys.of(TestKeys.a()),
                new SecretInput(new ByteArrayInputStream("hunter22\n".getBytes(StandardCharsets.UTF_8)), null),
                () -> "cli:root"));
        root.setOut(new PrintWriter(out));
        assertEquals(0, root.execute("secret", "set", "db-password"));
        assertEquals("stored secret db-password (key " + TestKeys.A_ID + ")\n", out.toString());
        assertEquals("hunter22", stored("db-password"));
    }
}

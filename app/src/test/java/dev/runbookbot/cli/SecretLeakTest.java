package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.Redactor;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.SecretLeaks;
import dev.runbookbot.testing.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The check Rundeck CVE-2022-31044 would have failed: after secrets are set, listed, rotated to a new key and read back
 * through {@code runbookctl secret} and the real SQLite store, no plaintext value and no master key is in the raw bytes
 * of the database, its WAL or its shared-memory file, in anything logged at any level, or in the CLI's output.
 */
class SecretLeakTest {
    private static final List<String> VALUES = List.of(
            "hunter22-Pl@intext",
            "p@ss+++w0rd$1\\Q\\E(.*)",
            "Grüße-密码-🔑-value",
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
            "long-" + "0123456789abcdef".repeat(120));

    @TempDir
    Path directory;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<String> printed = new ArrayList<>();
    private final AtomicReference<MasterKeys> keys = new AtomicReference<>(MasterKeys.of(TestKeys.a()));
    private OutputStreamAppender<ILoggingEvent> appender;
    private Level rootLevel;
    private List<Appender<ILoggingEvent>> consoleAppenders = new ArrayList<>();

    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger %msg %mdc%n%ex");
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(logged);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        // Everything at every level goes to the capture, and the console stays as quiet as usual.
        root.iteratorForAppenders().forEachRemaining(consoleAppenders::add);
        consoleAppenders.forEach(root::detachAppender);
        root.setLevel(Level.ALL);
        root.addAppender(appender);
    }

    @AfterEach
    void restoreLogging() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        consoleAppenders.forEach(root::addAppender);
        appender.stop();
    }

    private Path db() {
        return directory.resolve("runbook-bot.db");
    }

    private int run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = SecretCommand.commandLine(
                JdbiSecretStore::withFile,
                keys::get,
                this::db,
                new SecretInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null),
                () -> "cli:leak-test");
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        printed.add(out.toString());
        printed.add(err.toString());
        return exit;
    }

    private static List<String> secretsAndKeys() {
        List<String> all = new ArrayList<>(VALUES);
        all.add(TestKeys.A_BASE64);
        all.add(TestKeys.B_BASE64);
        return all;
    }

    private void assertNothingLeaked(Path... files) {
        SecretLeaks.assertNoSecretLeaks(secretsAndKeys(), files);
        for (Path file : files) {
            SecretLeaks.assertBytesAbsent("master key A", TestKeys.a().bytes(), file);
            SecretLeaks.assertBytesAbsent("master key B", TestKeys.b().bytes(), file);
        }
    }

    @Test
    void noPlaintextInTheDatabaseItsWalItsShmTheLogsOrTheOutput() throws IOException {
        // Held open so SQLite keeps the WAL and shared-memory files, with every frame written, for the scan.
        try (SqliteDatabase holder =
                SqliteDatabase.open(StoreOptions.at(db()), ManualClock.at("2024-05-01T10:00:00Z"))) {
            for (int i = 0; i < VALUES.size(); i++) {
                assertEquals(0, run(VALUES.get(i) + "\n", "set", "secret-" + i));
            }
            assertEquals(0, run("replaced-" + VALUES.get(0) + "\n", "set", "secret-0"));
            assertEquals(0, run(VALUES.get(0) + "\n", "set", "secret-0"));
            assertEquals(2, run("", "set", "argv-attempt", VALUES.get(1)));
            assertEquals(0, run("", "list"));

            keys.set(MasterKeys.rotating(TestKeys.b(), TestKeys.a()));
            assertEquals(0, run("", "rotate-key"));
            keys.set(MasterKeys.of(TestKeys.c()));
            assertEquals(1, run("", "rotate-key"), "a wrong key fails with its message, which must not leak either");
            keys.set(MasterKeys.of(TestKeys.b()));
            List<Secret> readBack = JdbiSecretStore.withFile(db(), keys.get(), true, s -> s.all());
            assertEquals(VALUES.size(), readBack.size());
            for (Secret secret : readBack) {
                int i = Integer.parseInt(secret.name().substring("secret-".length()));
                assertEquals(VALUES.get(i), secret.reveal(), "the values survive the rotation");
            }

            Path wal = Path.of(db() + "-wal");
            Path shm = Path.of(db() + "-shm");
            assertTrue(Files.size(wal) > 0, "the WAL holds the writes");
            assertTrue(Files.exists(shm));
            String ciphertext = holder.read(h -> h.createQuery("SELECT ciphertext FROM secret WHERE name = 'secret-0'")
                    .mapTo(String.class)
                    .one());
            assertTrue(
                    containsAscii(db(), ciphertext) || containsAscii(wal, ciphertext),
                    "the scan reads the files where the rows are");

            assertNothingLeaked(db(), wal, shm);
            SecretLeaks.assertNoSecretLeaks(secretsAndKeys(), directory);
        }
        assertNothingLeaked(db()); // after the last connection closed and checkpointed into the main file

        String logs = logged.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("INSERT INTO secret"), "the capture saw the statements that wrote the secrets");
        SecretLeaks.assertNoSecretLeaks(secretsAndKeys(), logs);
        SecretLeaks.assertNoSecretLeaks(secretsAndKeys(), printed.toArray(String[]::new));
        assertTrue(String.join("", printed).contains("re-encrypted 5 secrets under key " + TestKeys.B_ID));
    }

    @Test
    void outputMaskedByTheRedactorCarriesNoValue() {
        List<Secret> secrets = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            secrets.add(new Secret("secret-" + i, VALUES.get(i)));
        }
        Redactor redactor = Redactor.of(secrets);
        String output = "connecting with " + VALUES.get(1) + "\n" + VALUES.get(3) + "\nok " + VALUES.get(4);
        var stream = redactor.stream();
        StringBuilder streamed = new StringBuilder();
        for (int at = 0; at < output.length(); at += 7) {
            streamed.append(stream.push(output.substring(at, Math.min(output.length(), at + 7))));
        }
        streamed.append(stream.finish());
        SecretLeaks.assertNoSecretLeaks(VALUES, redactor.redact(output), streamed.toString());
        assertEquals("connecting with <secret:secret-1>\n<secret:secret-3>\nok <secret:secret-4>", streamed.toString());
    }

    private static boolean containsAscii(Path file, String text) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }
}

package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.lint.Linter;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code runbookctl promote} and {@code promotions} through the root command, against a real database file. */
class PromotionCommandsTest {
    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");

    record Run(int exit, String out, String err) {}

    private Path database() {
        return directory.resolve("runbook-bot.db");
    }

    private Run run(String osUser, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(new CliContext(
                () -> {
                    throw new AssertionError("promotions need no linter");
                },
                new StoreReader() {
                    @Override
                    public <T> T read(Path file, Function<? super IncidentQueries, ? extends T> query) {
                        throw new AssertionError("promotions do not read incidents");
                    }
                },
                this::database,
                JdbiPromotions::atFile,
                () -> osUser));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private void createDatabase() {
        SqliteDatabase.open(StoreOptions.at(database()), clock).close();
    }

    @Test
    void promoteRecordsWhoWhatAndTheEvidenceAndPromotionsListsIt() {
        createDatabase();

        Run promoted = run(
                "alice",
                "promote",
                "--action",
                "clear-cache",
                "--env",
                "prod",
                "--evidence-url",
                "https://reports.internal/cache-validation");
        assertEquals(0, promoted.exit(), promoted.err());
        assertTrue(
                Pattern.matches(
                        "promoted clear-cache to prod by alice at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"
                                + " \\(promotion #1\\); evidence: https://reports.internal/cache-validation\n",
                        promoted.out()),
                promoted.out());

        Run byLead = run(
                "alice",
                "promote",
                "--action=kill_idle",
                "--env=eu-prod",
                "--evidence-url=https://reports.internal/idle",
                "--by=U0LEAD");
        assertEquals(0, byLead.exit(), byLead.err());

        Run listed = run("alice", "promotions");
        assertEquals(0, listed.exit(), listed.err());
        String[] lines = listed.out().split("\n");
        assertEquals(3, lines.length, listed.out());
        assertTrue(lines[0].matches("ID +ACTION +ENV +PROMOTED BY +PROMOTED \\(UTC\\) +EVIDENCE"), lines[0]);
        assertTrue(
                lines[1].matches("1 +clear-cache +prod +alice +\\S+ \\S+ +https://reports.internal/cache-validation"),
                lines[1]);
        assertTrue(
                lines[2].matches("2 +kill_idle +eu-prod +U0LEAD +\\S+ \\S+ +https://reports.internal/idle"), lines[2]);
        boolean promotedNow = JdbiPromotions.atFile(database(), p -> p.isPromoted("clear-cache", "prod"));
        assertTrue(promotedNow);
    }

    @Test
    void badInputIsNamedAndNothingIsRecorded() {
        createDatabase();

        Run noUrl = run("alice", "promote", "--action", "clear-cache", "--env", "prod", "--evidence-url", "ftp://x/y");
        assertEquals(2, noUrl.exit());
        assertEquals(
                "runbookctl promote: evidence URL 'ftp://x/y' must be an absolute http or https URL with a host\n",
                noUrl.err());

        Run nobody = run("", "promote", "--action", "clear-cache", "--env", "prod", "--evidence-url", "https://r/x");
        assertEquals(2, nobody.exit());
        assertEquals("runbookctl promote: cannot tell who you are; say it with --by NAME\n", nobody.err());

        Run missing = run("alice", "promote", "--action", "clear-cache", "--evidence-url", "https://r/x");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("Missing required option: '--env=ENV'"), missing.err());

        assertEquals("No promotions yet.\n", run("alice", "promotions").out());
    }

    @Test
    void aMissingDatabaseIsNamedAndNotCreated() {
        Run promoted =
                run("alice", "promote", "--action", "clear-cache", "--env", "prod", "--evidence-url", "https://r/x");
        assertEquals(1, promoted.exit());
        assertEquals(
                "runbookctl promote: no database at " + database()
                        + "; runbook-bot creates it when it first starts (pass --db or set RUNBOOK_DB to its file)\n",
                promoted.err());
        assertFalse(Files.exists(database()));

        Run listed =
                run("alice", "promotions", "--db", directory.resolve("other.db").toString());
        assertEquals(1, listed.exit());
        assertTrue(listed.err().startsWith("runbookctl promotions: no database at " + directory.resolve("other.db")));
    }

    @Test
    void aCommandLineWithoutPromotionsSaysSo() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(new CliContext(
                () -> (Linter) null,
                new StoreReader() {
                    @Override
                    public <T> T read(Path file, Function<? super IncidentQueries, ? extends T> query) {
                        throw new AssertionError();
                    }
                },
                this::database));
        commandLine.setErr(new PrintWriter(err));
        assertEquals(1, commandLine.execute("promotions"));
        assertEquals("runbookctl promotions: promotions are not available in this command line\n", err.toString());
    }
}

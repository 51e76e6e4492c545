package dev.runbookbot.diagnose.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log_search with {@code source: file} over real files in a temporary directory. */
class FileSearchTest {
    /** These searches never read the journal: a journal read would be refused. */
    private static final Executor NO_JOURNAL_READS = task -> {
        throw new RejectedExecutionException("this test searches no journal");
    };

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final LogSearchExecutor executor = new LogSearchExecutor(
            OkHttpClient::new,
            LogSearchSettings.defaults(),
            SecretResolver.none(),
            Clock.fixed(now, ZoneOffset.UTC),
            NO_JOURNAL_READS);

    @TempDir
    Path dir;

    private Outcome run(Map<String, Object> config) {
        return executor.execute(DiagnosticRequests.request(DiagnosticType.LOG_SEARCH, config, TIMEOUT));
    }

    private String at(Duration ago) {
        return now.minus(ago).toString();
    }

    @Test
    void countsMatchingLinesInTheWindowAcrossAGlobOfFiles() throws IOException {
        Files.writeString(
                dir.resolve("app.log"),
                String.join(
                        "\n",
                        at(Duration.ofHours(2)) + " ERROR db timeout (too old for the window)",
                        at(Duration.ofMinutes(10)) + " INFO request ok",
                        at(Duration.ofMinutes(9)) + " ERROR db timeout after 5000ms",
                        at(Duration.ofMinutes(1)) + " ERROR db timeout after 5001ms",
                        at(Duration.ofSeconds(30)) + " INFO request ok",
                        ""));
        Files.writeString(
                dir.resolve("worker.log"),
                "worker started\nERROR queue stalled\r\nworker idle\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "ERROR not a log file\n");
        Outcome outcome = run(Map.of("source", "file", "path", dir + "/*.log", "pattern", "ERROR", "limit", 2));
        Outcome.Observed o = assertInstanceOf(Outcome.Observed.class, outcome, outcome::toString);
        assertEquals("file", o.facts().get("source"));
        assertEquals(3L, o.facts().get("match_count"), "2 timestamped lines in the window + 1 without a timestamp");
        assertEquals(2L, o.facts().get("streams"));
        assertEquals(false, o.facts().get("partial"));
        List<?> lines = (List<?>) o.facts().get("lines");
        assertEquals(2, lines.size());
        assertTrue(
                lines.contains(at(Duration.ofMinutes(1)) + " ERROR db timeout after 5001ms"),
                "the newest timestamped match is kept: " + lines);
        assertTrue(lines.contains("ERROR queue stalled"), "CR is removed from lines: " + lines);
    }

    @Test
    void aFileNotWrittenWithinTheWindowIsSkipped() throws IOException {
        Path old = dir.resolve("old.log");
        Files.writeString(old, "ERROR from last week\n");
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(7))));
        Files.writeString(dir.resolve("new.log"), "all fine\n");
        Outcome.Observed o = assertInstanceOf(
                Outcome.Observed.class, run(Map.of("source", "file", "path", dir + "/*.log", "pattern", "ERROR")));
        assertEquals(0L, o.facts().get("match_count"));
        assertEquals(List.of(), o.facts().get("lines"));
        assertEquals("no matching log lines in the last 15m (file)", o.evidence());
    }

    @Test
    void onlyTheTailOfALargeFileIsReadAndThatIsSaid() throws IOException {
        Path big = dir.resolve("big.log");
        try (Writer w = Files.newBufferedWriter(big)) {
            w.write("ERROR at the very start, beyond the tail\n");
            String filler = "x".repeat(1023) + "\n";
            for (long written = 0; written <= FileSource.TAIL_BYTES; written += filler.length()) {
                w.write(filler);
            }
            w.write("ERROR at the end\n");
        }
        Outcome.Observed o = assertInstanceOf(
                Outcome.Observed.class, run(Map.of("source", "file", "path", big.toString(), "pattern", "^ERROR")));
        assertEquals(1L, o.facts().get("match_count"));
        assertEquals(List.of("ERROR at the end"), o.facts().get("lines"));
        assertEquals(true, o.facts().get("partial"));
    }

    @Test
    void aGlobThatMatchesNothingIsAFailureNotANoMatch() {
        Outcome.Failed f = assertInstanceOf(
                Outcome.Failed.class,
                run(Map.of("source", "file", "path", dir + "/missing-*.log", "pattern", "ERROR")));
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertTrue(f.reason().startsWith("no file matches " + dir + "/missing-*.log"), f.reason());
    }

    @Test
    void validationRefusesRelativeAndTemplatedPathsAndTemplatedPatterns() {
        List<ConfigProblem> problems = executor.validate(
                DiagnosticRequests.config(Map.of("source", "file", "path", "logs/*.log", "pattern", "{{ labels.x }}")));
        assertEquals(
                List.of("diagnostics[0].config.path", "diagnostics[0].config.pattern"),
                problems.stream().map(ConfigProblem::path).toList());
        assertEquals(
                "must be written out without {{ }} placeholders: alert data must never choose files",
                executor.validate(DiagnosticRequests.config(
                                Map.of("source", "file", "path", "/var/log/{{ labels.app }}.log", "pattern", "x")))
                        .get(0)
                        .message());
        assertEquals(
                List.of(new ConfigProblem(
                        "diagnostics[0].config.pattern", "is required: the regular expression a line must contain")),
                executor.validate(DiagnosticRequests.config(Map.of("source", "file", "path", "/var/log/x.log"))));
    }
}

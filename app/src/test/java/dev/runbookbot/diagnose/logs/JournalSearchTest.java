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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * log_search with {@code source: journald}. The process mechanics (argv, counting, keeping the newest lines, exit codes,
 * timeout) are exercised with small stand-in scripts in place of journalctl; {@code JournalSearchIT} runs the real one.
 */
class JournalSearchTest {
    @TempDir
    Path dir;

    private final ExecutorService journalOutput = Executors.newCachedThreadPool();

    @AfterEach
    void stopReaders() {
        journalOutput.shutdownNow();
    }

    private LogSearchExecutor executor(Path journalctl) {
        return new LogSearchExecutor(
                OkHttpClient::new,
                new LogSearchSettings(Optional.empty(), journalctl),
                SecretResolver.none(),
                Clock.systemUTC(),
                journalOutput);
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("journalctl");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static Outcome run(LogSearchExecutor executor, Map<String, Object> config, Duration timeout) {
        return executor.execute(DiagnosticRequests.request(DiagnosticType.LOG_SEARCH, config, timeout));
    }

    @Test
    void theArgvIsOneElementPerArgumentWithValuesInsideTheirOption() {
        JournalSource source = new JournalSource(Path.of("/usr/bin/journalctl"), journalOutput);
        assertEquals(
                List.of(
                        "/usr/bin/journalctl",
                        "--no-pager",
                        "--quiet",
                        "--output=cat",
                        "--since=-900s",
                        "--unit=payments.service",
                        "--grep=-x; rm -rf / $(id)"),
                source.argv(new LogSearchConfig.Journal(
                        Optional.of("payments.service"),
                        Optional.of("-x; rm -rf / $(id)"),
                        Duration.ofMinutes(15),
                        5)));
    }

    @Test
    void countsEveryLineAndKeepsTheNewest() throws IOException {
        Path args = dir.resolve("args");
        Path journalctl = script("printf '%s\\n' \"$@\" > '" + args + "'\n"
                + "i=1; while [ $i -le 30 ]; do echo \"connection refused $i\"; i=$((i+1)); done");
        Outcome outcome = run(
                executor(journalctl),
                Map.of("source", "journald", "unit", "payments.service", "pattern", "refused", "limit", 3),
                Duration.ofSeconds(30));
        Outcome.Observed o = assertInstanceOf(Outcome.Observed.class, outcome, outcome::toString);
        assertEquals(30L, o.facts().get("match_count"));
        assertEquals(
                List.of("connection refused 30", "connection refused 29", "connection refused 28"),
                o.facts().get("lines"));
        assertEquals("journald", o.facts().get("source"));
        assertEquals(
                List.of(
                        "--no-pager",
                        "--quiet",
                        "--output=cat",
                        "--since=-900s",
                        "--unit=payments.service",
                        "--grep=refused"),
                Files.readAllLines(args));
    }

    @Test
    void exitOneWithoutAMessageIsNoMatchButWithAMessageIsAnError() throws IOException {
        Outcome.Observed none = assertInstanceOf(
                Outcome.Observed.class,
                run(executor(script("exit 1")), Map.of("source", "journald", "pattern", "x"), Duration.ofSeconds(30)));
        assertEquals(0L, none.facts().get("match_count"));
        Outcome.Failed failed = assertInstanceOf(
                Outcome.Failed.class,
                run(
                        executor(script("echo 'Failed to add filter for units: No data available' >&2; exit 1")),
                        Map.of("source", "journald", "unit", "nope.service", "pattern", "x"),
                        Duration.ofSeconds(30)));
        assertEquals(FailureKind.QUERY_ERROR, failed.kind());
        assertEquals("journalctl exited with 1: Failed to add filter for units: No data available", failed.reason());
    }

    @Test
    void aHangingJournalctlIsKilledAtTheTimeout() throws IOException {
        Outcome.Failed f = assertInstanceOf(
                Outcome.Failed.class,
                run(executor(script("exec sleep 300")), Map.of("source", "journald"), Duration.ofMillis(300)));
        assertEquals(FailureKind.TIMEOUT, f.kind());
        assertEquals("journalctl did not finish within 300ms", f.reason());
    }

    @Test
    void aMissingJournalctlIsAConfigurationFailure() {
        Outcome.Failed f = assertInstanceOf(
                Outcome.Failed.class,
                run(executor(dir.resolve("no-such-journalctl")), Map.of("source", "journald"), Duration.ofSeconds(5)));
        assertEquals(FailureKind.CONFIGURATION, f.kind());
        assertTrue(f.reason().startsWith("journalctl not found at " + dir.resolve("no-such-journalctl")), f.reason());
    }

    @Test
    void validationRefusesUnitNamesThatCouldBeOptions() {
        List<ConfigProblem> problems = executor(Path.of("/usr/bin/journalctl"))
                .validate(DiagnosticRequests.config(Map.of("source", "journald", "unit", "--system;x")));
        assertEquals(
                List.of(new ConfigProblem(
                        "diagnostics[0].config.unit", "is not a systemd unit name, such as payments.service")),
                problems);
    }
}

package dev.runbookbot.process;

import static dev.runbookbot.testing.ProcessAssertions.assertAllDead;
import static dev.runbookbot.testing.ProcessAssertions.isRunning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runbookbot.secrets.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProcessRunnerTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @TempDir
    Path scratch;

    private ProcessRunnerSettings settings;
    private ProcessRunner runner;

    @BeforeEach
    void setUp() {
        settings = ProcessRunnerSettings.defaults(workDir);
        runner = new ProcessRunner(settings);
    }

    private ProcessResult run(String... argv) {
        return runner.run(ProcessSpec.of(List.of(argv), LONG));
    }

    @Test
    void reportsExitCodeAndKeepsStdoutAndStderrApart() {
        ProcessResult result = run("sh", "-c", "echo out; echo err >&2; exit 3");

        assertEquals(Termination.EXITED, result.termination());
        assertEquals(3, result.exitCode().getAsInt());
        assertEquals("out\n", result.stdout().text());
        assertEquals("err\n", result.stderr().text());
        assertEquals(0, result.processesKilled());
        assertTrue(result.outputComplete());
        assertFalse(result.timedOut());
    }

    @Test
    void passesEveryArgumentExactlyAsGivenWithoutAShell() {
        ProcessResult result = run("printf", "[%s]", "  a b  ", "$(id); rm -rf / `id` ${HOME} *", "", "'\"");

        assertEquals(
                "[  a b  ][$(id); rm -rf / `id` ${HOME} *][]['\"]",
                result.stdout().text());
    }

    @Test
    void givesTheChildOnlyTheConfiguredEnvironment() {
        ProcessSpec spec = ProcessSpec.of(List.of("env"), LONG)
                .withEnvironment(Map.of("GREETING", "hello world"))
                .withSecretEnvironment(Map.of("DB_PASSWORD", new Secret("db", "s3cr3t-value")));

        ProcessResult result = runner.run(spec);

        Set<String> lines = result.stdout().text().lines().collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "LANG=C.UTF-8",
                        "LC_ALL=C.UTF-8",
                        "PATH=" + ProcessRunnerSettings.DEFAULT_SEARCH_PATH,
                        "GREETING=hello world",
                        "DB_PASSWORD=s3cr3t-value"),
                lines);
        assertFalse(spec.toString().contains("s3cr3t-value"));
    }

    @Test
    void startsInTheConfiguredWorkingDirectory() throws IOException {
        ProcessResult result = run("pwd");

        assertEquals(workDir.toRealPath() + "\n", result.stdout().text());
    }

    @Test
    void feedsStdinWhenGivenAndClosesItOtherwise() {
        ProcessResult withText =
                runner.run(ProcessSpec.of(List.of("cat"), LONG).withStdin(StandardInput.text("line 1\nline 2\n")));
        ProcessResult withSecret = runner.run(
                ProcessSpec.of(List.of("cat"), LONG).withStdin(StandardInput.secret(new Secret("pw", "hunter2"))));
        ProcessResult closed = run("cat");

        assertEquals("line 1\nline 2\n", withText.stdout().text());
        assertEquals("hunter2", withSecret.stdout().text());
        assertEquals(Termination.EXITED, closed.termination());
        assertEquals("", closed.stdout().text());
    }

    @Test
    void aMissingProgramIsAResultNotAnException() {
        ProcessResult bare = run("no-such-program-runbookbot");
        ProcessResult path = run("./no-such-file");

        assertEquals(Termination.NOT_STARTED, bare.termination());
        assertEquals(
                "no executable 'no-such-program-runbookbot' in PATH " + ProcessRunnerSettings.DEFAULT_SEARCH_PATH,
                bare.startFailure());
        assertTrue(bare.exitCode().isEmpty());
        assertEquals("'./no-such-file' is not an executable file", path.startFailure());
    }

    @Test
    void aMissingSessionLauncherIsReportedNotThrown() {
        ProcessRunner broken =
                new ProcessRunner(settings.withSessionLauncher(Optional.of(scratch.resolve("no-setsid"))));

        ProcessResult result = broken.run(ProcessSpec.of(List.of("true"), LONG));

        assertEquals(Termination.NOT_STARTED, result.termination());
        assertEquals(
                "the session launcher " + scratch.resolve("no-setsid") + " is not executable", result.startFailure());
    }

    @Test
    void looksProgramsUpInTheConfiguredPathOnly() throws IOException {
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        Path tool = bin.resolve("rb-tool");
        Files.writeString(tool, "#!/bin/sh\necho from rb-tool\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path notExecutable = bin.resolve("rb-data");
        Files.writeString(notExecutable, "#!/bin/sh\necho nope\n");

        ProcessRunner custom = new ProcessRunner(new ProcessRunnerSettings(
                workDir,
                bin + ":/usr/bin:/bin",
                Map.of(),
                settings.killGrace(),
                settings.drainTimeout(),
                settings.sessionLauncher()));

        assertEquals(
                "from rb-tool\n",
                custom.run(ProcessSpec.of(List.of("rb-tool"), LONG)).stdout().text());
        assertEquals(Termination.NOT_STARTED, run("rb-tool").termination());
        assertEquals(
                Termination.NOT_STARTED,
                custom.run(ProcessSpec.of(List.of("rb-data"), LONG)).termination());
    }

    @Test
    void keepsOnlyTheCapOfAHugeOutputAndCountsTheRest() {
        long total = 50_000_000;
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "head -c " + total + " /dev/zero | tr '\\0' x"), LONG)
                .withMaxOutputBytes(4096);

        ProcessResult result = runner.run(spec);

        assertEquals(Termination.EXITED, result.termination());
        assertEquals(0, result.exitCode().getAsInt());
        CapturedOutput out = result.stdout();
        assertEquals(total, out.totalBytes());
        assertEquals(total - 4096, out.droppedBytes());
        assertEquals("x".repeat(2048), out.head());
        assertEquals("x".repeat(2048), out.tail());
        assertEquals(1, out.lineCount());
        assertTrue(out.truncated());
    }

    @Test
    void countsLinesAndCapsStderrOnItsOwn() {
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "yes | head -c 10000000; yes err | head -n 3 >&2"), LONG)
                .withMaxOutputBytes(1000);

        ProcessResult result = runner.run(spec);

        assertEquals(5_000_000, result.stdout().lineCount());
        assertEquals(10_000_000 - 1000, result.stdout().droppedBytes());
        assertEquals("err\nerr\nerr\n", result.stderr().text());
        assertFalse(result.stderr().truncated());
    }

    @Test
    void aTimeoutKillsTheWholeTreeIncludingAReparentedOrphan() throws IOException {
        Path pids = scratch.resolve("pids");
        ProcessSpec spec =
                ProcessSpec.of(List.of("sh", "-c", forkingScript(), "sh", pids.toString()), Duration.ofSeconds(2));

        ProcessResult result = runner.run(spec);

        assertEquals(Termination.TIMED_OUT, result.termination());
        assertTrue(result.timedOut());
        assertTrue(result.exitCode().isEmpty());
        List<Long> started = readPids(pids);
        assertEquals(4, started.size(), "the script records sh, two children and one orphan");
        assertAllDead(started);
        assertEquals(4, result.processesKilled());
        assertEquals(List.of(), result.survivors());
        assertTrue(result.outputComplete());
        assertEquals("ready\n", result.stdout().text());
    }

    @Test
    void interruptingTheCallerKillsTheTreeAndKeepsTheInterrupt() throws Exception {
        Path pids = scratch.resolve("pids");
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", forkingScript(), "sh", pids.toString()), LONG);
        AtomicReference<ProcessResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            result.set(runner.run(spec));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        awaitReady(pids);

        caller.interrupt();
        caller.join(Duration.ofSeconds(20).toMillis());

        assertFalse(caller.isAlive());
        assertEquals(Termination.CANCELLED, result.get().termination());
        assertTrue(stillInterrupted.get());
        assertAllDead(readPids(pids));
        assertEquals(4, result.get().processesKilled());
    }

    @Test
    void processesThatIgnoreSigtermGetSigkillAfterTheGrace() throws IOException {
        Path pids = scratch.resolve("pids");
        // An ignored signal stays ignored across fork and exec, so the sleep ignores SIGTERM too.
        String script = "trap '' TERM; echo $$ >> \"$1\"; sleep 100 & echo $! >> \"$1\"; echo ready >> \"$1\"; wait";

        ProcessResult result =
                runner.run(ProcessSpec.of(List.of("sh", "-c", script, "sh", pids.toString()), Duration.ofSeconds(2)));

        assertEquals(Termination.TIMED_OUT, result.termination());
        List<Long> started = readPids(pids);
        assertEquals(2, started.size());
        assertAllDead(started);
        assertEquals(2, result.processesKilled());
        assertEquals(List.of(), result.survivors());
    }

    @Test
    void killsWhatACommandLeftRunningWhenItExits() throws IOException {
        Path pids = scratch.resolve("pids");
        ProcessSpec spec = ProcessSpec.of(
                List.of("sh", "-c", "sleep 100 & echo $! >> \"$1\"; echo started", "sh", pids.toString()), LONG);

        ProcessResult result = runner.run(spec);

        assertEquals(Termination.EXITED, result.termination());
        assertEquals(0, result.exitCode().getAsInt());
        assertEquals("started\n", result.stdout().text());
        assertEquals(1, result.processesKilled());
        assertTrue(result.outputComplete());
        assertAllDead(readPids(pids));
    }

    @Test
    void withoutSetsidTheDescendantWalkStillKillsChildren() throws IOException {
        ProcessRunner plain = new ProcessRunner(settings.withSessionLauncher(Optional.empty()));
        Path pids = scratch.resolve("pids");
        String script = "echo $$ >> \"$1\"; sleep 100 & echo $! >> \"$1\"; sleep 101 & echo $! >> \"$1\";"
                + " echo ready >> \"$1\"; wait";

        ProcessResult result =
                plain.run(ProcessSpec.of(List.of("sh", "-c", script, "sh", pids.toString()), Duration.ofSeconds(2)));

        assertEquals(Termination.TIMED_OUT, result.termination());
        List<Long> started = readPids(pids);
        assertEquals(3, started.size());
        assertAllDead(started);
    }

    @Test
    void anEscapedProcessHoldingThePipeCannotBlockTheCaller() throws IOException {
        ProcessRunner quick = new ProcessRunner(new ProcessRunnerSettings(
                workDir,
                settings.searchPath(),
                settings.baseEnvironment(),
                settings.killGrace(),
                Duration.ofMillis(300),
                settings.sessionLauncher()));
        Path pids = scratch.resolve("pids");
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", escapingScript(), "sh", pids.toString()), LONG)
                .withMaxOutputBytes(4096);
        List<Long> escaped = new ArrayList<>();
        try {
            ProcessResult result = quick.run(spec);
            escaped.addAll(readPids(pids));

            assertEquals(1, escaped.size(), "the escaped sleep recorded its pid");
            assertTrue(isRunning(escaped.get(0)), "the sleep escaped the leftover sweep");
            assertEquals(0, result.processesKilled());
            assertEquals(Termination.EXITED, result.termination());
            assertTrue(result.stdout().head().startsWith("done\n"));
            assertFalse(result.outputComplete(), "the escaped sleep still holds stdout open");
        } finally {
            escaped.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        assertAllDead(escaped);
    }

    @Test
    void rejectsASpecThatSetsPathOrHidesAnArgvNul() {
        ProcessSpec base = ProcessSpec.of(List.of("true"), LONG);

        IllegalArgumentException path =
                assertThrows(IllegalArgumentException.class, () -> base.withEnvironment(Map.of("PATH", "/tmp")));
        IllegalArgumentException nul =
                assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(List.of("echo", "a\0b"), LONG));
        IllegalArgumentException name =
                assertThrows(IllegalArgumentException.class, () -> base.withEnvironment(Map.of("A-B", "x")));

        assertEquals("PATH is fixed by configuration and cannot be set per command", path.getMessage());
        assertEquals("an argv element contains a NUL character", nul.getMessage());
        assertEquals("'A-B' is not a valid environment variable name", name.getMessage());
    }

    /** sh records its pid, two background children, and a grandchild orphaned by a subshell, then waits. */
    private static String forkingScript() {
        return "echo $$ >> \"$1\";"
                + " sleep 100 & echo $! >> \"$1\";"
                + " sleep 101 & echo $! >> \"$1\";"
                + " (sleep 102 & echo $! >> \"$1\");"
                + " echo ready >> \"$1\"; echo ready; wait";
    }

    /**
     * sh leaves behind a sleep that neither the descendant walk nor the session sweep can find: a double fork
     * re-parents it, and {@code setsid} gives it a session of its own. The escape must be complete before sh exits,
     * or the runner's sweep rightly kills the grandchild while it is still in sh's session: so the escaped process
     * reports on a pipe, after {@code setsid} has run, and sh waits for that line. Then sh writes more than a pipe
     * holds, so the runner is reading stdout when sh exits (the JDK closes the pipe of a child that exits before
     * anyone read from it, see {@link EndOfFileStreamHandler}). The sleep keeps the runner's stdout (fd 3) open.
     */
    private static String escapingScript() {
        return "exec 3>&1;"
                + " (setsid sh -c 'echo $$ >> \"$1\"; echo escaped; exec sleep 100 >&3 3>&-' sh \"$1\" &)"
                + " | read -r line;"
                + " echo done; head -c 1000000 /dev/zero";
    }

    private static List<Long> readPids(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.equals("ready"))
                .map(Long::parseLong)
                .toList();
    }

    private static void awaitReady(Path pids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(pids) && Files.readAllLines(pids).contains("ready")) {
                return;
            }
            Thread.sleep(10);
        }
        fail("the script never wrote its pids");
    }
}

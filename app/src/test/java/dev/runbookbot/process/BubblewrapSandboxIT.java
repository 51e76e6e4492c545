package dev.runbookbot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.testing.ExternalBinary;
import dev.runbookbot.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a step can and cannot touch inside the bubblewrap sandbox, with the real {@code bwrap} and {@code prlimit}. */
@Timeout(120)
class BubblewrapSandboxIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path botHome;

    private Path database;
    private Path keyFile;
    private SandboxSettings sandbox;
    private ProcessRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        ExternalBinary.require(SandboxSettings.DEFAULT_BUBBLEWRAP, "bubblewrap");
        ExternalBinary.require(SandboxSettings.DEFAULT_PRLIMIT, "util-linux");
        database = Files.writeString(botHome.resolve("runbook-bot.db"), "incident rows");
        keyFile = Files.writeString(botHome.resolve("master.key"), "a-master-key-value");
        sandbox = SandboxSettings.of(SandboxMode.BUBBLEWRAP, List.of(database, keyFile));
        runner = runner(sandbox);
        assertEquals(Optional.empty(), SandboxProbe.problem(sandbox), "bubblewrap must work on this machine");
    }

    private ProcessRunner runner(SandboxSettings settings) {
        return new ProcessRunner(ProcessRunnerSettings.defaults(botHome).withSandbox(settings));
    }

    private ProcessResult sh(String script) {
        return runner.run(ProcessSpec.of(List.of("sh", "-c", script), TIMEOUT));
    }

    @Test
    void aStepWritesOnlyToItsOwnScratchSpaceWhichIsGoneAfterwards() throws IOException {
        Path outside = botHome.resolve("written-by-step");
        ProcessResult result = sh("touch /usr/x 2>&1; touch /etc/x 2>&1; touch " + outside + " 2>&1;"
                + " echo kept > /tmp/t && echo kept > ./w && cat /tmp/t ./w && pwd");

        assertEquals(Termination.EXITED, result.termination());
        List<String> lines = result.stdout().text().lines().toList();
        assertTrue(lines.get(0).endsWith("Read-only file system"), lines.get(0));
        assertTrue(lines.get(1).endsWith("Read-only file system"), lines.get(1));
        assertTrue(lines.get(2).endsWith("No such file or directory"), lines.get(2));
        assertEquals(List.of("kept", "kept", BubblewrapSandbox.SCRATCH), lines.subList(3, 6));
        assertFalse(Files.exists(outside));
        assertFalse(Files.exists(Path.of("/usr/x")));
        assertFalse(Files.exists(Path.of("/etc/x")));

        ProcessResult next = sh("ls -A /tmp; ls -A .; echo end");
        assertEquals("end\n", next.stdout().text(), "scratch space is discarded after each step");
        assertEquals("bubblewrap, network host", result.sandbox());
    }

    @Test
    void aStepCannotReadTheBotsDatabaseKeyFileOrHome() {
        ProcessResult result =
                sh("cat " + database + " " + keyFile + " 2>&1; ls /root /home /work /var 2>&1; echo end");

        String out = result.stdout().text();
        assertFalse(out.contains("incident rows"), out);
        assertFalse(out.contains("a-master-key-value"), out);
        assertTrue(out.contains(database + ": No such file or directory"), out);
        assertTrue(out.contains("/root': No such file or directory"), out);
        assertTrue(out.endsWith("end\n"), out);
    }

    @Test
    void theBotsFilesStayHiddenUnderASystemDirectoryAndCannotBeMounted() {
        // /etc/passwd stands in for a bot file under a directory the sandbox shows
        ProcessRunner hiding = runner(SandboxSettings.of(SandboxMode.BUBBLEWRAP, List.of(Path.of("/etc/passwd"))));
        ProcessResult hidden = hiding.run(ProcessSpec.of(List.of("cat", "/etc/passwd"), TIMEOUT));
        assertEquals(0, hidden.exitCode().orElseThrow());
        assertEquals("", hidden.stdout().text(), "covered by an empty file");

        ProcessResult mounted = runner.run(ProcessSpec.of(List.of("true"), TIMEOUT)
                .withSandbox(new SandboxRequest(Optional.empty(), List.of(botHome), Optional.empty())));
        assertEquals(Termination.NOT_STARTED, mounted.termination());
        assertEquals(
                "the mount " + DeclaredMounts.real(botHome) + " would show the step the bot's own "
                        + DeclaredMounts.real(database) + "; steps never see the bot's database, keys or configuration",
                mounted.startFailure());
    }

    @Test
    void aDeclaredMountIsReadableAndReadOnly() throws IOException {
        Path kube = Files.createDirectories(botHome.resolve("kube"));
        Files.writeString(kube.resolve("config"), "apiVersion: v1\n");
        Files.setPosixFilePermissions(kube, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(
                kube.resolve("config"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(botHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessSpec spec = ProcessSpec.of(
                        List.of("sh", "-c", "cat " + kube + "/config; touch " + kube + "/x 2>&1"), TIMEOUT)
                .withSandbox(new SandboxRequest(Optional.empty(), List.of(kube), Optional.empty()));

        ProcessResult result = runner.run(spec);

        List<String> lines = result.stdout().text().lines().toList();
        assertEquals("apiVersion: v1", lines.get(0), result.stderr().text());
        assertTrue(lines.get(1).startsWith("touch: cannot touch"), lines.get(1));
        assertFalse(Files.exists(kube.resolve("x")));
        assertEquals("bubblewrap, network host, mounts " + kube, result.sandbox());
    }

    @Test
    void aStepSeesOnlyItsOwnProcessesAndOnlyTheEnvironmentItDeclares() {
        ProcessSpec spec = ProcessSpec.of(
                        List.of("sh", "-c", "ls /proc | grep -E '^[0-9]+$' | sort -n; env | sort"), TIMEOUT)
                .withEnvironment(Map.of("REGION", "eu-west-1"))
                .withSecretEnvironment(Map.of("API_TOKEN", new Secret("api", "tok-123")));

        ProcessResult result = runner.run(spec);

        List<String> lines = result.stdout().text().lines().toList();
        List<Long> pids = lines.stream()
                .filter(l -> l.matches("[0-9]+"))
                .map(Long::parseLong)
                .toList();
        assertTrue(pids.size() <= 6, "only the sandbox's own processes: " + pids);
        assertTrue(pids.stream().allMatch(pid -> pid < 20), pids.toString());
        Set<String> names = lines.stream()
                .filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());
        assertEquals(Set.of("API_TOKEN", "HOME", "LANG", "LC_ALL", "PATH", "PWD", "REGION", "TMPDIR"), names);
    }

    @Test
    void networkNoneBlocksALoopbackConnectionThatSucceedsWithout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket client = server.accept();
                        InputStream in = client.getInputStream()) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "accept failed: " + e;
                }
            });
            List<String> connect =
                    List.of("bash", "-c", "echo hello > /dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo sent");

            ProcessResult open = runner.run(ProcessSpec.of(connect, TIMEOUT));
            assertEquals("sent\n", open.stdout().text(), open.stderr().text());
            assertEquals("hello\n", received.get(20, TimeUnit.SECONDS));

            ProcessResult closed = runner.run(ProcessSpec.of(connect, TIMEOUT)
                    .withSandbox(new SandboxRequest(Optional.of(NetworkAccess.NONE), List.of(), Optional.empty())));
            assertEquals(1, closed.exitCode().orElseThrow());
            assertEquals("", closed.stdout().text());
            assertTrue(
                    closed.stderr().text().contains("Network is unreachable")
                            || closed.stderr().text().contains("Connection refused"),
                    closed.stderr().text());
            assertEquals("bubblewrap, network none", closed.sandbox());

            ProcessRunner catalogWithoutNetwork = runner(sandbox.withNetwork(NetworkAccess.NONE));
            ProcessResult widened = catalogWithoutNetwork.run(ProcessSpec.of(connect, TIMEOUT)
                    .withSandbox(new SandboxRequest(Optional.of(NetworkAccess.HOST), List.of(), Optional.empty())));
            assertEquals(1, widened.exitCode().orElseThrow(), "a step cannot widen the catalog's network: none");
        }
    }

    @Test
    void aTimeoutStillKillsTheWholeTreeInsideTheSandbox() {
        ProcessResult result = runner.run(ProcessSpec.of(
                List.of("sh", "-c", "sleep 987651 & sleep 987652 & (sleep 987653 &) ; echo ready; wait"),
                Duration.ofSeconds(2)));

        assertEquals(Termination.TIMED_OUT, result.termination());
        assertEquals("ready\n", result.stdout().text());
        assertTrue(result.processesKilled() >= 1, "killed: " + result.processesKilled());
        assertEquals(List.of(), result.survivors());
        Poll.until(
                "no sleep of the sandbox is left on the host",
                Duration.ofSeconds(10),
                () -> ProcessHandle.allProcesses()
                                .noneMatch(
                                        p -> p.info().commandLine().orElse("").contains("sleep 98765"))
                        ? Optional.of(true)
                        : Optional.empty());
    }

    @Test
    void outputCapsAndTheRunnersEnvironmentHoldInsideTheSandbox() {
        ProcessResult result = runner.run(ProcessSpec.of(List.of("head", "-c", "1000000", "/dev/zero"), TIMEOUT)
                .withMaxOutputBytes(4096));

        assertEquals(0, result.exitCode().orElseThrow());
        assertTrue(result.stdout().truncated());
        assertEquals(1_000_000 - 4096, result.stdout().droppedBytes());
    }

    @Test
    void aForkBombIsStoppedByTheProcessLimit() {
        ProcessRunner bounded = runner(sandbox.withLimits(new ResourceLimits(
                24, ResourceLimits.defaults().memoryBytes(), Duration.ofSeconds(10), 1L << 20, 16L << 20)));

        ProcessResult result =
                bounded.run(ProcessSpec.of(List.of("sh", "-c", "while :; do sleep 5 & done"), Duration.ofSeconds(10)));

        assertTrue(
                result.limitReached().isPresent(),
                result + " / " + result.stderr().text());
        assertTrue(
                result.limitReached().get().startsWith("reached the sandbox's process limit of 24: "),
                result.limitReached().get());
        assertTrue(ProcessHandle.allProcesses().count() > 0);
        ProcessResult after = sh("echo still fine");
        assertEquals("still fine\n", after.stdout().text(), "the next step runs as usual");
    }

    @Test
    void aMemoryHogIsStoppedByTheMemoryLimit() {
        ProcessRunner bounded = runner(
                sandbox.withLimits(new ResourceLimits(64, 256L << 20, Duration.ofSeconds(10), 1L << 20, 16L << 20)));

        ProcessResult result =
                bounded.run(ProcessSpec.of(List.of("perl", "-e", "$x = 'a' x 1e9; print length $x"), TIMEOUT));

        assertEquals(
                Optional.of("reached the sandbox's memory limit of 256 MiB: Out of memory!"), result.limitReached());
    }

    @Test
    void cpuTimeAndFileSizeLimitsEndTheStepWithTheirReason() {
        ProcessRunner bounded = runner(
                sandbox.withLimits(new ResourceLimits(64, 1L << 30, Duration.ofSeconds(1), 1L << 20, 16L << 20)));

        ProcessResult cpu = bounded.run(ProcessSpec.of(List.of("sh", "-c", "while :; do :; done"), TIMEOUT));
        assertTrue(
                cpu.limitReached().orElseThrow().contains("CPU time limit of 1s"),
                cpu.limitReached().get());

        ProcessResult file = bounded.run(ProcessSpec.of(List.of("sh", "-c", "head -c 2000000 /dev/zero > f"), TIMEOUT));
        assertEquals(Optional.of("stopped by the sandbox's file size limit of 1 MiB (SIGXFSZ)"), file.limitReached());
    }

    @Test
    void aMissingSandboxBinaryIsAClearStartFailure() {
        SandboxSettings broken = new SandboxSettings(
                SandboxMode.BUBBLEWRAP,
                ResourceLimits.defaults(),
                NetworkAccess.HOST,
                List.of(),
                List.of(),
                botHome.resolve("no-bwrap"),
                botHome.resolve("no-prlimit"),
                SandboxSettings.DEFAULT_SETPRIV,
                SandboxSettings.NOBODY,
                SandboxSettings.DEFAULT_PODMAN,
                Optional.empty());
        List<String> problems = new ArrayList<>();
        SandboxProbe.problem(broken).ifPresent(problems::add);
        assertEquals(List.of(botHome.resolve("no-prlimit") + " is not installed (bubblewrap, network host)"), problems);
    }
}

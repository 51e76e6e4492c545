package dev.runbookbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.process.NetworkAccess;
import dev.runbookbot.process.ResourceLimits;
import dev.runbookbot.process.SandboxMode;
import dev.runbookbot.process.SandboxSettings;
import dev.runbookbot.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxSettingsReaderTest {
    private static SandboxSettings read(Map<String, String> env) {
        return Settings.from(SettingsSource.of(env)).processes().sandbox();
    }

    @Test
    void noneRunsStepsOnTheHostWithALoudWarning() {
        try (LogCapture logs = LogCapture.of("dev.runbookbot.config")) {
            SandboxSettings sandbox = read(Map.of("RUNBOOK_SANDBOX_MODE", "none"));

            assertEquals(SandboxMode.NONE, sandbox.mode());
            assertTrue(
                    logs.lines().stream()
                            .anyMatch(line -> line.contains("NO SANDBOX: sandbox.mode is none. Runbook steps")),
                    logs.lines().toString());
        }
    }

    @Test
    void aChosenModeThatDoesNotWorkIsAStartUpErrorThatSaysHowToInstallIt() {
        SettingsException e = assertThrows(
                SettingsException.class,
                () -> read(Map.of(
                        "RUNBOOK_SANDBOX_MODE", "bubblewrap", "RUNBOOK_SANDBOX_PRLIMIT", "/nonexistent/prlimit")));

        assertEquals(
                "setting 'sandbox.mode' (or env RUNBOOK_SANDBOX_MODE) is bubblewrap, but it does not work on this machine: /nonexistent/prlimit is not"
                        + " installed (bubblewrap, network host); install bubblewrap and util-linux (Debian/Ubuntu:"
                        + " apt-get install bubblewrap util-linux; Fedora: dnf install bubblewrap util-linux), and"
                        + " allow unprivileged user namespaces when the bot does not run as root (or set sandbox.mode:"
                        + " none to run steps unisolated)",
                e.getMessage());
    }

    @Test
    void withoutAModeABrokenBubblewrapFallsBackToNoSandboxWithAWarning() {
        try (LogCapture logs = LogCapture.of("dev.runbookbot.config")) {
            SandboxSettings sandbox = read(Map.of("RUNBOOK_SANDBOX_BUBBLEWRAP", "/nonexistent/bwrap"));

            assertEquals(SandboxMode.NONE, sandbox.mode());
            assertTrue(
                    logs.lines().stream().anyMatch(line -> line.contains("NO SANDBOX: bubblewrap does not work here")),
                    logs.lines().toString());
        }
    }

    @Test
    void podmanNeedsAnImagePinnedByDigest() {
        SettingsException missing =
                assertThrows(SettingsException.class, () -> read(Map.of("RUNBOOK_SANDBOX_MODE", "podman")));
        assertTrue(missing.getMessage()
                .startsWith("setting 'sandbox.mode' (or env RUNBOOK_SANDBOX_MODE) is podman, so setting"
                        + " 'sandbox.image' (or env RUNBOOK_SANDBOX_IMAGE) must name"));

        SettingsException unpinned = assertThrows(
                SettingsException.class,
                () -> read(Map.of("RUNBOOK_SANDBOX_MODE", "podman", "RUNBOOK_SANDBOX_IMAGE", "alpine:latest")));
        assertEquals(
                "sandbox: sandbox image alpine:latest must be pinned by digest (name@sha256:<64 hex digits>)",
                unpinned.getMessage());
    }

    @Test
    void limitsNetworkAndMountsAreRead() {
        SandboxSettings sandbox = read(Map.of(
                "RUNBOOK_SANDBOX_MODE", "none",
                "RUNBOOK_SANDBOX_MAX_PROCESSES", "64",
                "RUNBOOK_SANDBOX_MAX_MEMORY", "512M",
                "RUNBOOK_SANDBOX_MAX_CPU_TIME", "30s",
                "RUNBOOK_SANDBOX_MAX_FILE_SIZE", "2GiB",
                "RUNBOOK_SANDBOX_SCRATCH", "1048576",
                "RUNBOOK_SANDBOX_NETWORK", "none",
                "RUNBOOK_SANDBOX_MOUNTS", "/etc/ssl/certs, /usr/share"));

        assertEquals(new ResourceLimits(64, 512L << 20, Duration.ofSeconds(30), 2L << 30, 1L << 20), sandbox.limits());
        assertEquals(NetworkAccess.NONE, sandbox.network());
        assertEquals(List.of(Path.of("/etc/ssl/certs"), Path.of("/usr/share")), sandbox.mounts());
    }

    @Test
    void theBotsOwnFilesAreHiddenFromSteps() {
        SandboxSettings sandbox = read(Map.of(
                "RUNBOOK_SANDBOX_MODE", "none",
                "RUNBOOK_DB", "/var/lib/runbook-bot/bot.db",
                "RUNBOOK_DIR", "/etc/runbook-bot/runbooks"));

        assertTrue(sandbox.hidden()
                .containsAll(List.of(
                        Path.of("/var/lib/runbook-bot/bot.db"),
                        Path.of("/var/lib/runbook-bot/bot.db-wal"),
                        Path.of("/var/lib/runbook-bot/bot.db-shm"),
                        Path.of("/etc/runbook-bot/runbooks"))));
    }

    @Test
    void badValuesSayWhichSettingAndWhatIsAllowed() {
        assertEquals(
                "setting 'sandbox.mode' (or env RUNBOOK_SANDBOX_MODE) must be bubblewrap, podman or none, was 'docker'",
                assertThrows(SettingsException.class, () -> read(Map.of("RUNBOOK_SANDBOX_MODE", "docker")))
                        .getMessage());
        assertEquals(
                "setting 'sandbox.network' (or env RUNBOOK_SANDBOX_NETWORK) must be host or none, was 'bridge'",
                assertThrows(
                                SettingsException.class,
                                () -> read(Map.of("RUNBOOK_SANDBOX_MODE", "none", "RUNBOOK_SANDBOX_NETWORK", "bridge")))
                        .getMessage());
        assertEquals(
                "setting 'sandbox.mounts' (or env RUNBOOK_SANDBOX_MOUNTS): 'relative/kubeconfig' must be an absolute path that exists; steps see it"
                        + " read-only at the same path",
                assertThrows(
                                SettingsException.class,
                                () -> read(Map.of(
                                        "RUNBOOK_SANDBOX_MODE",
                                        "none",
                                        "RUNBOOK_SANDBOX_MOUNTS",
                                        "relative/kubeconfig")))
                        .getMessage());
    }
}

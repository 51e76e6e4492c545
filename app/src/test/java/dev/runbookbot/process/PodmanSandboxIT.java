package dev.runbookbot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container mode with the real podman, on an image built here from the host's own {@code sh} (no registry is
 * asked: {@code --pull=never}). Where podman cannot run containers (not installed, or no rootless support, as in many
 * CI containers), the test is skipped with the reason; with {@code CI=true} it instead checks that the start-up probe
 * reports exactly that, so CI never passes by running nothing.
 */
@Timeout(300)
class PodmanSandboxIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<String> imported = new ArrayList<>();

    @AfterEach
    void removeImage() throws Exception {
        for (String name : imported) {
            new ProcessBuilder(SandboxSettings.DEFAULT_PODMAN.toString(), "rmi", "--force", name)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStepRunsInAReadOnlyContainerOfItsPinnedImageWithTheDeclaredNetwork() throws Exception {
        Optional<String> image = buildImage();
        SandboxSettings podman = SandboxSettings.of(SandboxMode.PODMAN, List.of())
                .withImage(image.or(() -> Optional.of("localhost/runbook-bot-test@sha256:" + "0".repeat(64))));
        Optional<String> problem = image.isPresent() ? SandboxProbe.problem(podman) : Optional.of("no image");
        if (problem.isPresent()) {
            String why = "podman cannot run containers here: " + problem.get();
            if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
                Assumptions.abort(why + " (skipped; with CI=true the start-up error is checked instead)");
            }
            Optional<String> reported = SandboxProbe.problem(podman);
            assertTrue(reported.isPresent(), "the probe must report that podman does not work: " + why);
            return;
        }
        ProcessRunner runner =
                new ProcessRunner(ProcessRunnerSettings.defaults(dir).withSandbox(podman));

        ProcessResult result = runner.run(ProcessSpec.of(
                        List.of("sh", "-c", "echo $GREETING; touch /x 2>/dev/null || echo read-only; pwd"), TIMEOUT)
                .withEnvironment(java.util.Map.of("GREETING", "hello"))
                .withSandbox(new SandboxRequest(Optional.of(NetworkAccess.NONE), List.of(), Optional.empty())));

        assertEquals(0, result.exitCode().orElseThrow(), result.stderr().text());
        assertEquals(
                "hello\nread-only\n" + BubblewrapSandbox.SCRATCH + "\n",
                result.stdout().text());
        assertEquals("podman " + image.get() + ", network none", result.sandbox());
    }

    /** Imports a tiny image holding the host's {@code sh}, {@code touch} and their libraries; its digest-pinned name. */
    private Optional<String> buildImage() throws IOException, InterruptedException {
        Path podman = SandboxSettings.DEFAULT_PODMAN;
        if (!Files.isExecutable(podman)) {
            return Optional.empty();
        }
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        for (String real : List.of("usr/bin", "usr/lib", "usr/lib64", "tmp")) {
            Files.createDirectories(root.resolve(real));
        }
        for (String link : List.of("bin", "lib", "lib64")) {
            Files.createSymbolicLink(root.resolve(link), Path.of("usr", link));
        }
        Set<String> files = new TreeSet<>(List.of("/usr/bin/sh", "/usr/bin/dash", "/usr/bin/touch"));
        for (String binary : List.of("/usr/bin/dash", "/usr/bin/touch")) {
            for (String word : run(List.of("ldd", binary)).split("\\s+")) {
                if (word.startsWith("/")) {
                    files.add(word);
                }
            }
        }
        for (String file : files) {
            Path target = root.resolve(file.substring(1));
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.copy(Path.of(file).toRealPath(), target);
            }
        }
        Path tar = dir.resolve("rootfs.tar");
        run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."));
        String name =
                "localhost/runbook-bot-sandbox-test:" + ProcessHandle.current().pid();
        run(List.of(podman.toString(), "import", tar.toString(), name));
        imported.add(name);
        String digest = run(List.of(podman.toString(), "image", "inspect", "--format", "{{.Digest}}", name))
                .strip();
        return digest.startsWith("sha256:")
                ? Optional.of("localhost/runbook-bot-sandbox-test@" + digest)
                : Optional.empty();
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            Assertions.fail(String.join(" ", argv) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

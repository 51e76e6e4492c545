package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.schema.RunbookSchema;
import dev.runbookbot.testing.SecretLeaks;
import dev.runbookbot.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code runbookctl} launcher at the repository root, running the packaged jar in a child JVM. */
class RunbookctlJarIT {
    private static final Path LAUNCHER =
            Path.of("..", "runbookctl").toAbsolutePath().normalize();

    record Run(int exitCode, String out, String err) {}

    private static Run run(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("runbookctl " + String.join(" ", args) + " did not finish");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsTheProjectVersion(@TempDir Path dir) throws Exception {
        Run run = run(dir, "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("runbookctl " + System.getProperty("runbookbot.version", "?") + "\n", run.out());
    }

    @Test
    void schemaPrintsTheJsonSchema(@TempDir Path dir) throws Exception {
        Run run = run(dir, "schema");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(RunbookSchema.json(), run.out());
    }

    @Test
    void lintOfBrokenRunbooksExitsOneWithPositionedProblems(@TempDir Path dir) throws Exception {
        Path broken = Path.of("src", "test", "resources", "broken", "unknown-key.yaml")
                .toAbsolutePath();
        Run run = run(dir, "lint", broken.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(
                List.of(
                        broken + ":28:5: error: unknown key 'requireApproval', did you mean 'requiresApproval'?",
                        "1 runbook checked: 1 error, 0 warnings"),
                run.out().lines().toList());
    }

    @Test
    void aBadConfigurationFileIsAClearMessageNotAStackTrace(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "prometheus: [not, a, mapping\n");
        Path runbook = Path.of("src", "test", "resources", "broken", "unknown-key.yaml")
                .toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "lint", runbook.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("RUNBOOK_CONFIG", config.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.startsWith("error: cannot read configuration file " + config), err);
        assertTrue(err.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + err);
    }

    @Test
    void simulateFromTheJarReadsTheShippedFixture(@TempDir Path dir) throws Exception {
        Path runbooks = Path.of("..", "runbooks").toAbsolutePath().normalize();
        Run run = run(
                dir,
                "simulate",
                "--runbooks",
                runbooks.toString(),
                "--service",
                "payments",
                "--symptom",
                "elevated 5xx",
                "--fixture",
                runbooks.resolve("fixtures")
                        .resolve("payments-db-exhausted.yaml")
                        .toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains("  1. kill_idle_connections: Kill Idle DB Connections [automated, needs approval (1"
                                + " approver)]\n"),
                run.out());
        assertTrue(run.out().endsWith("Overall severity: critical\n"), run.out());
        assertEquals(6, run.err().lines().count(), run.err());
    }

    @Test
    void testOfTheShippedRunbooksPassesAndAFailingCaseExitsOne(@TempDir Path dir) throws Exception {
        Path runbooks = Path.of("..", "runbooks").toAbsolutePath().normalize();
        Run passing = run(dir, "test", runbooks.toString());
        assertEquals(0, passing.exitCode(), passing.out() + passing.err());
        List<String> lines = passing.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 0 failed"), passing.out());

        Path failing = dir.resolve("payments.test.yaml");
        Files.writeString(failing, """
                runbook: payments-slow
                cases:
                  - name: healthy is not critical
                    fixture: %s
                    expect: {severity: critical}
                """.formatted(runbooks.resolve("fixtures/payments-healthy.yaml")));
        Run failed = run(dir, "test", "--runbooks", runbooks.toString(), failing.toString());
        assertEquals(1, failed.exitCode(), failed.out() + failed.err());
        assertEquals(
                List.of(
                        failing + ":5:24: FAIL case 'healthy is not critical': severity: expected critical, got"
                                + " healthy",
                        "0 passed, 1 failed"),
                failed.out().lines().toList());
    }

    @Test
    void withoutArgumentsItPrintsUsage(@TempDir Path dir) throws Exception {
        Run run = run(dir);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Usage: runbookctl"), run.err());
    }

    @Test
    void theBotWithoutSlackTokensSaysWhichVariableAndHowToFixItAndExitsOne(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "bot")
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_"));
        builder.environment().put("RUNBOOK_DB", dir.resolve("bot.db").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        String err = Files.readString(dir.resolve("err.txt"));

        assertEquals(1, process.exitValue(), err);
        assertTrue(err.startsWith("error: SLACK_BOT_TOKEN is not set: runbook-bot needs the Slack bot token"), err);
        assertTrue(err.contains("slack-app-manifest.yml"), err);
        assertTrue(err.contains("runbookctl simulate"), err);
        assertTrue(err.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + err);
    }

    private static Run secret(Path dir, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        Path in = dir.resolve("stdin.txt");
        Files.writeString(in, stdin);
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString(), "secret"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("RUNBOOK_"));
        builder.environment().put("RUNBOOK_DB", dir.resolve("bot.db").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("runbookctl secret " + String.join(" ", args) + " did not finish");
        }
        return new Run(
                process.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void secretsAreSetListedAndRotatedThroughTheLauncher(@TempDir Path dir) throws Exception {
        Map<String, String> keyA = Map.of("RUNBOOK_MASTER_KEY", TestKeys.A_BASE64);
        Run set = secret(dir, keyA, "hunter22-from-stdin\n", "set", "db-password");
        assertEquals(new Run(0, "stored secret db-password (key " + TestKeys.A_ID + ")\n", ""), set);

        Run list = secret(dir, Map.of(), "", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("db-password  " + TestKeys.A_ID), list.out());
        assertTrue(list.out().contains("cli:" + System.getProperty("user.name")), list.out());

        Run rotate = secret(
                dir,
                Map.of("RUNBOOK_MASTER_KEY", TestKeys.B_BASE64, "RUNBOOK_MASTER_KEY_PREVIOUS", TestKeys.A_BASE64),
                "",
                "rotate-key");
        assertEquals(
                new Run(0, "re-encrypted 1 secret under key " + TestKeys.B_ID + "; 0 already used it\n", ""), rotate);

        Path sharedKey = dir.resolve("shared.key");
        Files.writeString(sharedKey, TestKeys.B_BASE64 + "\n");
        Files.setPosixFilePermissions(sharedKey, PosixFilePermissions.fromString("rw-r--r--"));
        Run refused = secret(dir, Map.of("RUNBOOK_MASTER_KEY_FILE", sharedKey.toString()), "", "rotate-key");
        assertEquals(
                new Run(
                        1,
                        "",
                        "runbookctl secret rotate-key: key file " + sharedKey + " (RUNBOOK_MASTER_KEY_FILE) can be"
                                + " accessed by group or others (rw-r--r--); only its owner may read it: chmod 600 "
                                + sharedKey + "\n"),
                refused);

        Run wrongKey = secret(dir, keyA, "", "rotate-key");
        assertEquals(1, wrongKey.exitCode());
        assertTrue(
                wrongKey.err().contains("secret 'db-password' was encrypted with key " + TestKeys.B_ID),
                wrongKey.err());

        Files.delete(dir.resolve("stdin.txt"));
        Files.delete(sharedKey);
        SecretLeaks.assertNoSecretLeaks(List.of("hunter22-from-stdin", TestKeys.A_BASE64, TestKeys.B_BASE64), dir);
    }
}

package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.schema.RunbookSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}

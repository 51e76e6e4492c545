package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.runtime.CommandLineWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runbookctl simulate --fixture} with loops: each iteration of a {@code forEach} step reads its own recorded
 * result (keyed by its item), the step is the worst of them, and a {@code forEach} remediation shows what it would run
 * for every item it would go through, in text and JSON.
 */
class SimulateLoopTest {
    @TempDir
    Path dir;

    private String simulate(String... extra) throws IOException {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        try (InputStream in = SimulateLoopTest.class.getResourceAsStream("/loop-runbooks/shard-notice.yaml")) {
            Files.writeString(
                    runbooks.resolve("shard-notice.yaml"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@BASE@", "http://127.0.0.1:9"));
        }
        Path fixture = dir.resolve("shards.yaml");
        Files.writeString(fixture, """
                shard_health:
                  iterations:
                    alpha: {facts: {all_healthy: false}, evidence: "alpha: 503"}
                    gamma: {error: UNREACHABLE, reason: "connection refused"}
                  facts: {all_healthy: true}     # every other shard
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> argv = new java.util.ArrayList<>(List.of(
                "simulate",
                "--runbooks",
                runbooks.toString(),
                "--runbook",
                "shard-notice",
                "--fixture",
                fixture.toString()));
        argv.addAll(List.of(extra));
        assertEquals(0, commandLine.execute(argv.toArray(String[]::new)), err.toString());
        return out.toString();
    }

    @Test
    void eachIterationReadsItsRecordedResultAndTheLoopedActionIsShownForEveryItem() throws IOException {
        String text = simulate();
        assertTrue(text.contains("3 items: 1 critical, 1 error, 1 healthy"), text);
        assertTrue(text.contains("would run for each of 3 items, one at a time, stopping at the first failure:"), text);
        assertTrue(text.contains("[1/3] alpha: notify"), text);
        assertTrue(text.contains("Shard alpha is critical; the incident thread has the evidence."), text);
        assertTrue(text.contains("[2/3] beta: notify"), text);
        assertTrue(text.contains("Shard gamma is error; the incident thread has the evidence."), text);

        JsonNode json = new ObjectMapper().readTree(simulate("--json"));
        JsonNode loop = json.at("/remediations/0/forEach");
        assertEquals(
                List.of("alpha", "beta", "gamma"),
                List.of(
                        loop.at("/items/0").asText(),
                        loop.at("/items/1").asText(),
                        loop.at("/items/2").asText()));
        assertEquals(
                "Shard beta is healthy; the incident thread has the evidence.",
                loop.at("/actions/1/config/text").asText());
        assertTrue(json.at("/remediations/0/action").isNull());
    }
}

package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runtime.CommandLineWiring;
import dev.runbookbot.slack.SlackStartupException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line that every Slack start-up error suggests, to try runbooks without Slack, is a valid command: with
 * its two placeholders filled in as a reader would (a shipped runbook and one of its recorded scenarios), run from the
 * repository's root, it simulates and exits 0.
 */
class StartupHintTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theSuggestedSimulateCommandRuns() {
        List<String> words = Arrays.asList(SlackStartupException.TRY_WITHOUT_SLACK.split(" "));
        assertEquals("runbookctl", words.get(0));
        List<String> argv = new ArrayList<>();
        for (String word : words.subList(1, words.size())) {
            String filled =
                    word.replace("<runbook-id>", "payments-slow").replace("<scenario>", "payments-db-exhausted");
            if (filled.startsWith("runbooks/")) {
                filled = ROOT.resolve(filled).toString(); // as typed in the repository's root
                assertTrue(Files.isRegularFile(Path.of(filled)), filled);
            }
            argv.add(filled);
        }
        argv.addAll(List.of("--runbooks", ROOT.resolve("runbooks").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute(argv.toArray(String[]::new));

        assertEquals(0, exitCode, err.toString());
        assertTrue(out.toString().startsWith("SIMULATION: nothing was posted"), out.toString());
    }
}

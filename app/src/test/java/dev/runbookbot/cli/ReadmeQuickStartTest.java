package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runtime.CommandLineWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code simulate} line of README.md's quick start works as written (run from the repository root). */
class ReadmeQuickStartTest {
    private static final Path ROOT = Path.of(System.getProperty("runbookbot.root", ".."));

    @Test
    void theQuickStartSimulationReachesTheExhaustedPoolDecision() throws IOException {
        String line = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(l -> l.startsWith("./runbookctl simulate "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no ./runbookctl simulate line"));
        List<String> args = words(line.substring("./runbookctl ".length()));
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--fixture")) {
                Path fixture = ROOT.resolve(args.get(i + 1));
                assertTrue(Files.isRegularFile(fixture), "README names a fixture that does not exist: " + fixture);
                args.set(i + 1, fixture.toString());
            }
        }
        args.addAll(List.of("--runbooks", ROOT.resolve("runbooks").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        assertEquals(0, commandLine.execute(args.toArray(String[]::new)), err.toString());
        assertTrue(
                out.toString()
                        .contains("  1. DB connection pool exhausted — kill idle connections and increase pool size\n"),
                out.toString());
    }

    /** Splits a shell line on spaces, keeping "double-quoted words" together; nothing else of the shell. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }
}

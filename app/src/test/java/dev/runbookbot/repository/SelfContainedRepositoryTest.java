package dev.runbookbot.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of the repository needs nothing beside it: no source, test, script, runbook or document reads or cites a
 * folder outside the repository (the notes the project was started from live elsewhere and are not published). Sources
 * are cited upstream instead, as repository and path.
 */
class SelfContainedRepositoryTest {
    /** Paths and names of the notes outside the repository, as they were cited before. */
    private static final Pattern OUTSIDE = Pattern.compile(
            "\\.\\./shared|/work/|(?<![\\w-])shared/(fixtures|seeds|upstream-alert-rules)|PLATFORM-FACTS|LANGUAGE-ANCHORS"
                    + "|SLACK-TESTING|STYLE\\.md");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void nothingInTheRepositoryReadsOrCitesAFolderBesideIt() throws IOException {
        assertTrue(Files.isRegularFile(ROOT.resolve("pom.xml")), "the repository root is " + ROOT);
        List<String> hits = new ArrayList<>();
        for (String top : List.of(
                "app/src",
                "docs",
                "runbooks",
                ".ci",
                "README.md",
                "CONTRIBUTING.md",
                "runbookctl",
                "pom.xml",
                "app/pom.xml")) {
            Path start = ROOT.resolve(top);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(start)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scan(file, hits);
                }
            }
        }
        assertEquals(List.of(), hits, "lines that read or cite something outside the repository");
    }

    private static void scan(Path file, List<String> hits) throws IOException {
        if (file.endsWith("SelfContainedRepositoryTest.java")) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (OUTSIDE.matcher(lines[i]).find()) {
                hits.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
    }
}

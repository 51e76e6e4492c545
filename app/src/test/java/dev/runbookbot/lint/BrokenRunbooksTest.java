package dev.runbookbot.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.FakeDiagnosticTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One broken runbook per kind of problem in {@code src/test/resources/broken/}, each ending with the exact line(s)
 * lint must print for it ({@code # expect: line:col: severity: message (hint)}). The directory is linted as one
 * catalog, as {@code runbookctl lint} does, so the cross-runbook problems (duplicate id, ambiguous trigger) come
 * from pairs of files.
 */
class BrokenRunbooksTest {
    static final Path DIR = Path.of("src", "test", "resources", "broken");
    private static final String EXPECT = "# expect: ";

    /** The problems lint reports for the broken directory, by file name, without the directory in the text. */
    static Map<String, List<String>> reported() {
        LintReport report = new Linter(FakeDiagnosticTypes.all(), new CelConditionLanguage())
                .lint(new RunbookLoader().loadAll(List.of(DIR)));
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        for (Problem problem : report.problems()) {
            String name = problem.location().file().getFileName().toString();
            String line = problem.format().replace(DIR + "/", "");
            byFile.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(name.length() + 1));
        }
        return byFile;
    }

    static List<String> expected(Path fixture) throws IOException {
        return Files.readAllLines(fixture).stream()
                .filter(l -> l.startsWith(EXPECT))
                .map(l -> l.substring(EXPECT.length()))
                .toList();
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachFixtureReportsExactlyItsProblem() throws IOException {
        Map<String, List<String>> reported = reported();
        return fixtures().stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.getFileName().toString(), () -> {
                    String name = fixture.getFileName().toString();
                    assertEquals(expected(fixture), reported.getOrDefault(name, List.of()), name);
                }));
    }

    @Test
    void everyFixtureButTheTwinsExpectsOneProblem() throws IOException {
        for (Path fixture : fixtures()) {
            boolean twin = fixture.getFileName().toString().endsWith("-a.yaml");
            assertEquals(twin ? 0 : 1, expected(fixture).size(), fixture.toString());
        }
    }

    @Test
    void theFixturesCoverTheProblemsTheFormatPromises() throws IOException {
        List<String> names =
                fixtures().stream().map(p -> p.getFileName().toString()).toList();
        for (String kind : List.of(
                "bad-yaml",
                "unknown-key",
                "missing-required-key",
                "invalid-enum",
                "dangling-reference",
                "unknown-diagnostic",
                "bad-expression",
                "type-error",
                "seed-condition",
                "undeclared-template-variable",
                "template-placement",
                "templated-shell-script",
                "duplicate-diagnostic-id",
                "duplicate-runbook-id-b",
                "ambiguous-trigger-b",
                "timeout-too-long",
                "step-config",
                "needs-cycle",
                "unknown-need",
                "unneeded-read",
                "when-not-boolean",
                "else-not-last",
                "else-with-condition",
                "first-match-without-else",
                "unknown-template-function",
                "invalid-matcher-regex",
                "now-in-remediation",
                "unknown-query-name",
                "unknown-after",
                "after-cycle",
                "require-unknown-fact",
                "require-unknown-step")) {
            assertTrue(names.contains(kind + ".yaml"), kind);
        }
    }
}

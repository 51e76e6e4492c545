package dev.runbookbot.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {
    private static final Path FILE = Path.of("runbooks", "a.yaml");

    @Test
    void formatsLikeACompiler() {
        assertEquals(
                "runbooks/a.yaml:3:5: error: unknown key 'x' (valid keys: a, b)",
                Problem.error(new SourceLocation(FILE, 3, 5), "unknown key 'x'", "valid keys: a, b")
                        .format());
        assertEquals(
                "runbooks/a.yaml:7:1: warning: note",
                Problem.warning(new SourceLocation(FILE, 7, 1), "note", "").format());
        assertEquals(
                "runbooks/a.yaml: error: no position",
                Problem.error(SourceLocation.unknown(FILE), "no position").format());
    }

    @Test
    void sortsByFileLineAndColumn() {
        List<Problem> problems = new ArrayList<>(List.of(
                Problem.error(new SourceLocation(Path.of("b.yaml"), 1, 1), "b", ""),
                Problem.warning(new SourceLocation(FILE, 2, 1), "w", ""),
                Problem.error(new SourceLocation(FILE, 2, 1), "e", ""),
                Problem.error(new SourceLocation(FILE, 1, 9), "first", "")));
        problems.sort(Problem.BY_POSITION);
        assertEquals(
                List.of("b", "first", "e", "w"),
                problems.stream().map(Problem::message).toList());
    }
}

package dev.runbookbot.runbooktest;

import dev.runbookbot.runbook.SourceLocation;
import java.nio.file.Path;
import java.util.List;

/** One test file: the runbook it tests (by id or alias) and its cases, in file order. */
public record RunbookTestFile(Path file, String runbook, SourceLocation runbookLocation, List<TestCase> cases) {
    public RunbookTestFile {
        cases = List.copyOf(cases);
    }
}

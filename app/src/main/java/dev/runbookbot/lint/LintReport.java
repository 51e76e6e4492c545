package dev.runbookbot.lint;

import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of linting a set of runbook files: every problem (loading and lint, sorted by file, line and column)
 * and the runbooks that are fit to run, those whose file has no error.
 */
public record LintReport(List<LoadedRunbook> runbooks, List<Problem> problems) {
    public LintReport {
        runbooks = List.copyOf(runbooks);
        problems = problems.stream().sorted(Problem.BY_POSITION).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The runbooks whose files have no error, ready for the bot. */
    public List<RunbookSpec> usable() {
        Set<Path> broken = new HashSet<>();
        for (Problem problem : problems) {
            if (problem.isError()) {
                broken.add(problem.location().file());
            }
        }
        return runbooks.stream()
                .filter(r -> !broken.contains(r.file()))
                .flatMap(r -> r.draft().stream())
                .toList();
    }

    /** A catalog of the {@link #usable()} runbooks. */
    public Catalog catalog() {
        return Catalog.of(usable());
    }
}

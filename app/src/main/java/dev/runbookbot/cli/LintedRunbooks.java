package dev.runbookbot.cli;

import dev.runbookbot.lint.LintReport;
import dev.runbookbot.lint.Linter;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The runbook directory loaded and linted as one catalog, for the commands that run a runbook: the runbooks fit to run
 * ({@link #usable()}), and for a runbook that is not, the lint errors of its file.
 */
final class LintedRunbooks {
    private final Path directory;
    private final LintReport report;
    private final Catalog usable;
    private final Catalog everything;

    private LintedRunbooks(Path directory, LintReport report) {
        this.directory = directory;
        this.report = report;
        this.usable = report.catalog();
        this.everything = Catalog.of(
                report.runbooks().stream().flatMap(r -> r.draft().stream()).toList());
    }

    static LintedRunbooks load(Path directory, Linter linter) {
        List<LoadedRunbook> loaded = new RunbookLoader().loadAll(List.of(directory));
        return new LintedRunbooks(directory, linter.lint(loaded));
    }

    Path directory() {
        return directory;
    }

    boolean isEmpty() {
        return report.runbooks().isEmpty();
    }

    /** The runbooks that passed lint. */
    Catalog usable() {
        return usable;
    }

    /** Every runbook that could be read at all, usable or not: to tell "broken" from "unknown". */
    Catalog everything() {
        return everything;
    }

    /** The errors in {@code runbook}'s file, including those of the catalog (for example a clashing alias). */
    List<Problem> errorsOf(RunbookSpec runbook) {
        Optional<Path> file = report.runbooks().stream()
                .filter(r -> r.draft().filter(d -> d == runbook).isPresent())
                .map(LoadedRunbook::file)
                .findFirst();
        return report.errors().stream()
                .filter(p -> file.isPresent() && file.get().equals(p.location().file()))
                .toList();
    }
}

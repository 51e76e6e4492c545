package dev.runbookbot.cli;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps {@code run} and {@code simulate} share before anything runs: load and lint the runbook directory, find
 * the runbook (refusing one with lint errors), bind its parameters and pick the steps to run. Each refusal is a
 * {@link CommandFailure} whose message says what is wrong and how to fix it.
 */
final class RunPreparation {
    private RunPreparation() {}

    /** Loads and lints the runbooks in {@code directory}; none at all is a usage error. */
    static LintedRunbooks runbooks(DiagnosisSession session, Optional<Path> directory) {
        Path dir = directory.orElse(session.runbooks());
        if (!Files.exists(dir)) {
            throw CommandFailure.usage("runbook directory " + dir + " does not exist; name it with --runbooks DIR"
                    + " (or the setting 'runbooks' / RUNBOOK_DIR)");
        }
        LintedRunbooks runbooks = LintedRunbooks.load(dir, session.linter());
        if (runbooks.isEmpty()) {
            throw CommandFailure.usage("no runbook files (*.yaml, *.yml) in " + dir);
        }
        return runbooks;
    }

    /** The usable runbook with this id or alias. */
    static RunbookSpec named(LintedRunbooks runbooks, String name) {
        Optional<RunbookSpec> usable = runbooks.usable().byId(name);
        if (usable.isPresent()) {
            return usable.get();
        }
        Optional<RunbookSpec> broken = runbooks.everything().byId(name);
        if (broken.isPresent()) {
            throw unusable(runbooks, broken.get());
        }
        List<String> close = runbooks.everything().suggestIds(name);
        String known = runbooks.everything().all().stream()
                .map(RunbookSpec::id)
                .distinct()
                .collect(Collectors.joining(", "));
        throw CommandFailure.usage("unknown runbook '" + name + "' in " + runbooks.directory()
                + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?")
                + " (runbooks there: " + known + ")");
    }

    /** The refusal for a runbook whose file has lint errors, listing them. */
    static CommandFailure unusable(LintedRunbooks runbooks, RunbookSpec runbook) {
        List<String> lines = new ArrayList<>();
        lines.add("runbook '" + runbook.id() + "' has lint errors and cannot run:");
        for (Problem problem : runbooks.errorsOf(runbook)) {
            lines.add("  " + problem.format());
        }
        lines.add("fix them and check with: runbookctl lint " + runbooks.directory());
        return CommandFailure.cannotRun(String.join(System.lineSeparator(), lines));
    }

    /** The run's inputs: explicit parameters win over alert labels, which win over defaults. */
    static TemplateContext bind(
            RunbookSpec runbook,
            Map<String, String> params,
            Map<String, String> labels,
            Map<String, String> annotations) {
        try {
            return ParameterBinder.bind(runbook, params, labels, annotations);
        } catch (ParameterException e) {
            throw CommandFailure.usage("cannot run " + runbook.id() + ": " + String.join("; ", e.problems()));
        }
    }

    /** The steps named by {@code --step} (in runbook order), or all of them. */
    static List<DiagnosticSpec> steps(RunbookSpec runbook, List<String> ids) {
        if (ids.isEmpty()) {
            return runbook.diagnostics();
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<String> known =
                runbook.diagnostics().stream().map(DiagnosticSpec::id).toList();
        List<String> problems = new ArrayList<>();
        for (String id : wanted) {
            if (!known.contains(id)) {
                problems.add("runbook " + runbook.id() + " has no diagnostic '" + id + "'"
                        + ClosestNames.best(id, known)
                                .map(best -> "; did you mean " + best + "?")
                                .orElse(""));
            }
        }
        if (!problems.isEmpty()) {
            throw CommandFailure.usage(
                    String.join("; ", problems) + " (its diagnostics: " + String.join(", ", known) + ")");
        }
        return runbook.diagnostics().stream()
                .filter(d -> wanted.contains(d.id()))
                .toList();
    }
}

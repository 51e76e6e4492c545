package dev.runbookbot.cli;

import dev.runbookbot.lint.LintReport;
import dev.runbookbot.lint.Linter;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl lint <dir|file...>}: loads and lints the runbooks as one catalog and prints every problem as
 * {@code file:line:col: error: message (hint)}. Exit 0 when there is no error (warnings are printed but pass, unless
 * {@code --strict}), 1 otherwise.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description =
                "Check runbook files (a directory means every *.yaml and *.yml directly in it) and report every problem.")
final class LintCommand implements Callable<Integer> {
    private final Supplier<Linter> linter;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Runbook files or directories.")
    private List<Path> paths;

    @Option(
            names = "--strict",
            description = "Fail on warnings too (for example a seed-style condition that needed a rewrite).")
    private boolean strict;

    @Option(
            names = "--sandbox",
            description = "List every command step with the network and mounts it asks of its sandbox (without it,"
                    + " only the steps that declare network, mounts or an image are listed).")
    private boolean sandbox;

    LintCommand(Supplier<Linter> linter) {
        this.linter = linter;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // The linter (settings, executors, CEL) is built while the files are read: each takes a core for a while.
        FutureTask<Linter> built = new FutureTask<>(linter::get);
        Thread setup = new Thread(built, "lint-setup");
        setup.setDaemon(true);
        setup.start();
        List<LoadedRunbook> loaded = new RunbookLoader().loadAll(paths);
        if (loaded.isEmpty()) {
            out.println("error: no runbook files (*.yaml, *.yml) in " + paths);
            out.flush();
            return 1;
        }
        LintReport report = linted(built, loaded);
        for (Problem problem : report.problems()) {
            out.println(problem.format());
        }
        for (LoadedRunbook runbook : loaded) {
            runbook.spec().ifPresent(spec -> SandboxNeeds.of(spec, sandbox).forEach(out::println));
        }
        int errors = report.errors().size();
        int warnings = report.warnings().size();
        out.println(loaded.size() + (loaded.size() == 1 ? " runbook" : " runbooks") + " checked: " + errors
                + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
        out.flush();
        return errors > 0 || (strict && warnings > 0) ? 1 : 0;
    }

    /** The report of the linter built on the side; a failure to build it (a bad setting) is thrown as it was. */
    private static LintReport linted(FutureTask<Linter> built, List<LoadedRunbook> loaded) {
        Linter ready;
        try {
            ready = built.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the linter was being built", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        return ready.lint(loaded);
    }
}

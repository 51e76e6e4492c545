package dev.runbookbot.cli;

import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl run <runbook>}: runs a runbook's diagnostics for real, against the systems the configuration
 * names, walks its decision tree and prints the report (or {@code --json}). It holds only a
 * {@link dev.runbookbot.decide.Diagnoser}: diagnostics are read-only by contract and nothing remediating can run from
 * here. Progress goes to stderr as steps finish.
 *
 * <p>Exit codes: 0 when the run completed, whatever the verdict; 1 when the runbook has lint errors or the
 * configuration cannot be used; 2 for a usage error (unknown runbook or step, a bad parameter, an unusable
 * {@code --alert} file).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a runbook's diagnostics for real (read-only), decide, and print the report.",
            "Nothing remediating runs: the report only proposes.",
            "Exit: 0 the run completed (whatever the verdict), 1 the runbook has lint errors or the configuration is"
                    + " unusable, 2 usage error."
        })
final class RunCommand implements Callable<Integer> {
    private final DiagnosisSetup setup;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "Runbook id or alias.")
    private String runbookName;

    @Option(
            names = {"-p", "--param"},
            paramLabel = "NAME=VALUE",
            description = "A runbook parameter; wins over alert labels and defaults. Repeatable.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(
            names = "--alert",
            paramLabel = "FILE",
            description = "Labels and annotations from an Alertmanager webhook body (the first firing alert) or a"
                    + " {\"labels\": {...}, \"annotations\": {...}} JSON file.")
    private Path alertFile;

    @Option(
            names = "--step",
            paramLabel = "DIAGNOSTIC",
            description = "Run only this diagnostic (repeatable); decisions that need other steps do not match.")
    private List<String> stepIds = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON (see docs/runbookctl.md).")
    private boolean json;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: $RUNBOOK_CONFIG, else ./runbook-bot.yaml if present).")
    private Path configFile;

    @Option(
            names = "--runbooks",
            paramLabel = "DIR",
            description = "Runbook directory (default: the setting 'runbooks' / $RUNBOOK_DIR, else ./runbooks).")
    private Path runbooksDir;

    RunCommand(DiagnosisSetup setup) {
        this.setup = setup;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DiagnosisSession session = setup.live(Optional.ofNullable(configFile))) {
            LintedRunbooks runbooks = RunPreparation.runbooks(session, Optional.ofNullable(runbooksDir));
            RunbookSpec runbook = RunPreparation.named(runbooks, runbookName);
            AlertFile alert = alertFile == null ? null : AlertFile.read(alertFile);
            TemplateContext inputs = RunPreparation.bind(
                    runbook,
                    params,
                    alert == null ? Map.of() : alert.labels(),
                    alert == null ? Map.of() : alert.annotations());
            List<DiagnosticSpec> steps = RunPreparation.steps(runbook, stepIds);
            err.println("runbookctl run: " + runbook.id() + ": running " + steps.size()
                    + (steps.size() == 1 ? " diagnostic" : " diagnostics") + " (read-only; nothing remediating runs)");
            err.flush();
            DiagnosisReport report =
                    session.diagnoser().diagnose(runbook, steps, inputs, new ProgressLines(err, steps.size()));
            List<Proposal> proposals = proposals(report);
            if (json) {
                out.println(ReportJson.write(ReportJson.of(report, proposals)));
            } else {
                ReportText.header(out, report);
                ReportText.body(out, report, proposals);
            }
            out.flush();
            return 0;
        } catch (CommandFailure e) {
            err.println("runbookctl run: " + e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (InputFileException e) {
            err.println("runbookctl run: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    static List<Proposal> proposals(DiagnosisReport report) {
        List<Proposal> proposals = new ArrayList<>();
        // a remediation's forEach reads its items from the diagnosis, as the bot does when it proposes
        java.util.Map<String, java.util.Map<String, Object>> readings = new java.util.LinkedHashMap<>();
        report.results().forEach(r -> readings.put(r.stepId(), dev.runbookbot.diagnose.StepReadings.of(r)));
        dev.runbookbot.expr.TemplateContext withResults = report.inputs().withDiagnostics(readings);
        for (PlannedRemediation planned : report.plan().remediations()) {
            proposals.add(Proposal.of(report.runbook(), planned, withResults));
        }
        return proposals;
    }
}

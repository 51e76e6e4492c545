package dev.runbookbot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.HandOffBinder;
import dev.runbookbot.runbook.HandOffSpec;
import dev.runbookbot.runbook.LabelMatcher;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl simulate --service payments --symptom "elevated 5xx"}: resolves the runbook the bot would pick for
 * that service and symptom (or {@code --runbook ID}, or the alert in {@code --alert FILE}), builds a synthetic alert
 * for it, runs its diagnostics and decision tree, and prints what the bot would post in the incident thread and
 * propose, with exactly what each remediation would run. With {@code --fixture FILE} every diagnostic reads its
 * recorded result instead of a live system, so a runbook's decision paths can be tested offline.
 *
 * <p>Honest by construction: like {@code run}, this command holds only a {@link dev.runbookbot.decide.Diagnoser} and
 * renders actions from their config itself; it has no path to any remediation executor (ArchitectureTest states it),
 * so it cannot cause a side effect whatever the runbook says. Exit codes as {@code run}.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Show what the bot would post and propose for a synthetic alert, without posting or remediating anything.",
            "With --fixture, diagnostics read recorded results instead of live systems.",
            "Exit: 0 the simulation completed (whatever the verdict), 1 the runbook has lint errors or the"
                    + " configuration is unusable, 2 usage error."
        })
final class SimulateCommand implements Callable<Integer> {
    /** As many hand-offs in a row as the bot follows. */
    private static final int MAX_HAND_OFFS = 5;

    private final DiagnosisSetup setup;

    @Spec
    private CommandSpec spec;

    @Option(names = "--service", paramLabel = "SERVICE", description = "The service that has the problem.")
    private String service;

    @Option(
            names = "--symptom",
            paramLabel = "TEXT",
            description = "The symptom in words (\"elevated 5xx\", \"latency\"); picks the runbook with --service.")
    private String symptom;

    @Option(names = "--runbook", paramLabel = "ID", description = "Simulate this runbook instead of resolving one.")
    private String runbookName;

    @Option(
            names = "--alert",
            paramLabel = "FILE",
            description = "Use this alert (Alertmanager webhook body or {\"labels\":..,\"annotations\":..} JSON)"
                    + " instead of a synthetic one; without --runbook/--service it picks the runbook too.")
    private Path alertFile;

    @Option(
            names = "--fixture",
            paramLabel = "FILE",
            description = "Recorded diagnostic results (YAML, step id -> facts or error); no live system is asked.")
    private Path fixture;

    @Option(
            names = {"-p", "--param"},
            paramLabel = "NAME=VALUE",
            description = "A runbook parameter; wins over alert labels and defaults. Repeatable.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(
            names = "--now",
            paramLabel = "TIME",
            description = "Pin the run's `now` (RFC 3339, e.g. 2026-01-01T09:30:00Z) so conditions and templates that"
                    + " read the time give the same answer every time.")
    private Instant now;

    @Option(names = "--json", description = "Print the simulation as JSON (see docs/runbookctl.md).")
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

    SimulateCommand(DiagnosisSetup setup) {
        this.setup = setup;
    }

    /** Which runbook was simulated and why. */
    private record Choice(RunbookSpec runbook, String reason) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runbookName == null && service == null && symptom == null && alertFile == null) {
            err.println("runbookctl simulate: say which runbook: --service and --symptom, --runbook ID, or --alert"
                    + " FILE");
            err.flush();
            return 2;
        }
        Optional<Path> config = Optional.ofNullable(configFile);
        try (DiagnosisSession session = fixture == null ? setup.live(config) : setup.recorded(config, fixture)) {
            LintedRunbooks runbooks = RunPreparation.runbooks(session, Optional.ofNullable(runbooksDir));
            AlertFile alert = alertFile == null ? null : AlertFile.read(alertFile);
            Choice choice = choose(runbooks, alert);
            RunbookSpec runbook = choice.runbook();
            AlertFile shown = alert != null ? alert : synthetic(runbook);
            TemplateContext bound = RunPreparation.bind(runbook, params, shown.labels(), shown.annotations());
            TemplateContext inputs = now == null ? bound : bound.withNow(now);
            session.recordedSteps().ifPresent(recorded -> warnAboutStrangers(err, recorded, runbook));
            List<DiagnosticSpec> steps = runbook.diagnostics();
            err.println("runbookctl simulate: " + runbook.id() + ": running " + steps.size()
                    + (steps.size() == 1 ? " diagnostic" : " diagnostics")
                    + (fixture == null ? " against live systems (read-only)" : " from " + fixture));
            err.flush();
            DiagnosisReport report =
                    session.diagnoser().diagnose(runbook, steps, inputs, new ProgressLines(err, steps.size()));
            List<Proposal> proposals = RunCommand.proposals(report);
            if (json) {
                ObjectNode root = ReportJson.of(report, proposals);
                ObjectNode simulation = root.putObject("simulation");
                simulation.put("runbookChosenBy", choice.reason());
                if (fixture == null) {
                    simulation.putNull("fixture");
                } else {
                    simulation.put("fixture", fixture.toString());
                }
                simulation.put("alert", shown.origin());
                simulation.put("parentMessage", parentLine(report));
                simulation.put("channel", channel(runbook));
                out.println(ReportJson.write(root));
                report.plan().handOff().ifPresent(planned -> {
                    ObjectNode handOff = simulation.putObject("handOff");
                    handOff.put(
                            "runbook",
                            planned.remediation().handOff().orElseThrow().runbook());
                    handOff.put("remediation", planned.remediation().id());
                });
            } else {
                print(out, report, proposals, choice, shown);
                followHandOffs(out, err, session, runbooks, report);
            }
            out.flush();
            return 0;
        } catch (CommandFailure e) {
            err.println("runbookctl simulate: " + e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (InputFileException e) {
            err.println("runbookctl simulate: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private Choice choose(LintedRunbooks runbooks, AlertFile alert) {
        if (runbookName != null) {
            return new Choice(RunPreparation.named(runbooks, runbookName), "--runbook " + runbookName);
        }
        if (service != null || symptom != null) {
            List<RunbookSpec> candidates = runbooks.usable().forSymptom(service, symptom);
            String asked = "service '" + (service == null ? "" : service) + "' and symptom '"
                    + (symptom == null ? "" : symptom) + "'";
            if (candidates.isEmpty()) {
                List<RunbookSpec> broken = runbooks.everything().forSymptom(service, symptom);
                if (!broken.isEmpty()) {
                    throw RunPreparation.unusable(runbooks, broken.get(0));
                }
                throw CommandFailure.usage("no runbook in " + runbooks.directory() + " matches " + asked
                        + "; name one with --runbook ID (runbookctl lint " + runbooks.directory()
                        + " lists them)");
            }
            String others = candidates.size() == 1
                    ? ""
                    : " (other candidates: "
                            + String.join(
                                    ", ",
                                    candidates.subList(1, candidates.size()).stream()
                                            .map(RunbookSpec::id)
                                            .toList())
                            + ")";
            return new Choice(candidates.get(0), asked + others);
        }
        String alertName = alert.alertName()
                .orElseThrow(() -> CommandFailure.usage(
                        "--alert " + alertFile + " has no alertname label to pick a runbook by; add --runbook ID"));
        return runbooks.usable()
                .forAlert(alertName, alert.labels())
                .map(r -> new Choice(r, "alert " + alertName))
                .orElseThrow(() -> CommandFailure.usage("no runbook in " + runbooks.directory()
                        + " is triggered by alert " + alertName + " with these labels; add --runbook ID"));
    }

    /**
     * The alert the bot would have received: named after the runbook's first alert trigger (with that trigger's
     * label matchers, so the bot would resolve the same runbook), for the given service, with the symptom as its
     * summary.
     */
    private AlertFile synthetic(RunbookSpec runbook) {
        Map<String, String> labels = new LinkedHashMap<>();
        Optional<TriggerSpec> trigger = runbook.triggers().stream()
                .filter(t -> t.type() == TriggerType.ALERT && t.alertName().isPresent())
                .findFirst();
        labels.put("alertname", trigger.flatMap(TriggerSpec::alertName).orElse("RunbookSimulation"));
        trigger.ifPresent(t -> t.labelMatchers().stream()
                .filter(m -> m.kind() == LabelMatcher.Kind.EQUALS)
                .forEach(m -> labels.put(m.label(), m.value())));
        labels.put("service", service != null ? service : runbook.service());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", symptom != null ? symptom : runbook.description());
        annotations.put("description", "synthetic alert from runbookctl simulate");
        return new AlertFile(labels, annotations, "synthetic");
    }

    private void warnAboutStrangers(PrintWriter err, Set<String> recorded, RunbookSpec runbook) {
        List<String> ids =
                runbook.diagnostics().stream().map(DiagnosticSpec::id).toList();
        for (String id : recorded.stream().sorted().toList()) {
            if (!ids.contains(id)) {
                err.println("runbookctl simulate: note: " + fixture + " records step '" + id + "', which runbook "
                        + runbook.id() + " does not have"
                        + ClosestNames.best(id, ids)
                                .map(best -> " (did you mean " + best + "?)")
                                .orElse(""));
            }
        }
    }

    private void print(
            PrintWriter out, DiagnosisReport report, List<Proposal> proposals, Choice choice, AlertFile alert) {
        RunbookSpec runbook = report.runbook();
        out.println("SIMULATION: nothing was posted and nothing remediating ran.");
        out.println("Runbook " + runbook.id() + " chosen by " + ReportText.safe(choice.reason()) + ".");
        out.println("Alert: " + ReportText.safe(alert.origin()) + "; labels " + ReportText.inline(alert.labels()));
        out.println(
                fixture == null
                        ? "Diagnostics ran against live systems (read-only)."
                        : "Diagnostics read recorded results from " + fixture + "; no live system was asked.");
        out.println();
        out.println("--- The bot would post in " + channel(runbook) + " ---");
        out.println(parentLine(report));
        String summary = alert.annotations().get("summary");
        if (summary != null && !summary.isBlank()) {
            out.println("  " + ReportText.safe(summary));
        }
        out.println();
        out.println("--- and in its thread ---");
        ReportText.header(out, report);
        ReportText.body(out, report, proposals);
    }

    /**
     * A plan that hands off goes on, as in the bot, with the next runbook in the same thread: its diagnostics run (from
     * the same fixture, which then records its steps too) and its report follows, at most as many hand-offs in a row
     * as the bot allows.
     */
    private void followHandOffs(
            PrintWriter out,
            PrintWriter err,
            DiagnosisSession session,
            LintedRunbooks runbooks,
            DiagnosisReport first) {
        DiagnosisReport current = first;
        for (int hop = 1; hop <= MAX_HAND_OFFS && current.plan().handOff().isPresent(); hop++) {
            HandOffSpec handOff = current.plan()
                    .handOff()
                    .orElseThrow()
                    .remediation()
                    .handOff()
                    .orElseThrow();
            out.println();
            Optional<RunbookSpec> target = runbooks.usable().byId(handOff.runbook());
            if (target.isEmpty()) {
                out.println("--- Not handed off: runbook " + ReportText.safe(handOff.runbook())
                        + " is not among the usable runbooks ---");
                return;
            }
            TemplateContext inputs;
            try {
                inputs = HandOffBinder.bind(target.get(), handOff, current.inputsWithResults());
            } catch (ParameterException e) {
                out.println(
                        "--- Not handed off to " + target.get().id() + ": " + ReportText.safe(e.getMessage()) + " ---");
                return;
            }
            out.println("--- Handed off to runbook " + target.get().id() + ", in the same thread ---");
            List<DiagnosticSpec> steps = target.get().diagnostics();
            DiagnosisReport next =
                    session.diagnoser().diagnose(target.get(), steps, inputs, new ProgressLines(err, steps.size()));
            ReportText.header(out, next);
            ReportText.body(out, next, RunCommand.proposals(next));
            current = next;
        }
    }

    private static String channel(RunbookSpec runbook) {
        return runbook.escalation() == null
                ? "the incident channel"
                : runbook.escalation().primary();
    }

    /** The parent message: severity, runbook, service, verdict. */
    private static String parentLine(DiagnosisReport report) {
        RunbookSpec runbook = report.runbook();
        String alertName = report.inputs().labels().getOrDefault("alertname", "manual run");
        return "[" + runbook.severity() + "] " + ReportText.safe(runbook.name()) + " | "
                + ReportText.safe(runbook.service()) + " | " + ReportText.safe(alertName) + " | runbook "
                + runbook.id() + " | diagnosis: " + report.plan().severity().label()
                + ", " + report.plan().remediations().size()
                + (report.plan().remediations().size() == 1 ? " remediation proposed" : " remediations proposed");
    }
}

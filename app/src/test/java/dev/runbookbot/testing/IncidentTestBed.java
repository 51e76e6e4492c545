package dev.runbookbot.testing;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.decide.DecisionEngine;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.diagnose.ConditionStepInterpreter;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentInputs;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.MemoryIncidentInputs;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.remediate.ApproverDirectory;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The real incident service for tests of what drives it (alerts, escalation, thresholds): the given store, a recording
 * chat, the real diagnoser and CEL over one scripted diagnostic ({@code shell_command} reporting {@code value}), and a
 * remediator that only previews. Incident work runs on the calling thread, so a test reads as a sequence. Close it.
 */
public final class IncidentTestBed implements AutoCloseable {
    /**
     * Alerts PaymentsSlow and PaymentsDbConnectionsHigh (the captured Debian fixture's) and PagerDuty service PAYMENTS1;
     * its one diagnostic is critical, and the plan proposes a manual step.
     */
    public static final String PAYMENTS = """
            id: payments-slow
            name: Payments slow
            description: p99 latency of payments is high
            severity: P1
            service: payments
            parameters:
              - name: instance
                fromLabel: instance
            triggers:
              - type: alert
                alertName: PaymentsSlow
              - type: alert
                alertName: PaymentsDbConnectionsHigh
              - type: manual
                pagerdutyService: PAYMENTS1
            diagnostics:
              - id: latency
                name: Latency
                description: p99 latency in ms
                type: shell_command
                config: {argv: [echo, "95"]}
                interpret:
                  critical: "value >= 90.0"
                  healthy: "value < 90.0"
            decisionTree:
              - condition: "diagnostics.latency.status == 'critical'"
                then: [check_dashboards]
                description: Latency is critical
            remediations:
              - id: check_dashboards
                name: Check the dashboards
                description: look at the payments dashboard
                type: manual
                instructions: Open the payments dashboard.
            escalation: {primary: "#inc-payments", secondary: "#sre-escalation", escalateAfterMinutes: 20}
            """;

    /** Alert NeedsNamespace; its required parameter comes from the label {@code namespace}. No secondary channel. */
    public static final String NEEDS_NAMESPACE = """
            id: needs-namespace
            name: Needs a namespace
            description: a runbook that cannot run without its namespace
            severity: P3
            service: platform
            parameters:
              - name: namespace
                required: true
                fromLabel: namespace
            triggers:
              - type: alert
                alertName: NeedsNamespace
            diagnostics:
              - id: latency
                name: Latency
                description: p99 latency in ms
                type: shell_command
                config: {argv: [echo, "95"]}
                interpret:
                  critical: "value >= 90.0"
                  healthy: "value < 90.0"
            decisionTree: []
            remediations: []
            escalation: {primary: "#inc-platform"}
            """;

    private final IncidentStore store;
    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final Catalog catalog;
    private final IncidentInputs inputs;
    private final IncidentService service;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    public IncidentTestBed(IncidentStore store, Clock clock, String... runbooks) {
        this(store, new MemoryIncidentInputs(), Runnable::run, clock, runbooks);
    }

    /**
     * With the incidents' inputs kept in {@code inputs} and incident work (the diagnosis after a start) run by {@code
     * workers}: an executor that drops its tasks stands for a process that stopped before the diagnosis ran.
     */
    public IncidentTestBed(
            IncidentStore store, IncidentInputs inputs, Executor workers, Clock clock, String... runbooks) {
        this.store = store;
        this.inputs = inputs;
        this.catalog = Catalog.of(java.util.Arrays.stream(runbooks.length == 0 ? new String[] {PAYMENTS} : runbooks)
                .map(IncidentTestBed::runbook)
                .toList());
        DiagnosticExecutors executors = DiagnosticExecutors.of(
                List.of(new ValueProbe(request -> Outcome.observed(Map.of("value", 95.0), "p99 95 ms", List.of()))));
        CelConditionLanguage cel = new CelConditionLanguage();
        ParallelRunner runner =
                new ParallelRunner(executors, new ConditionStepInterpreter(cel, executors), pool, timer, clock);
        Diagnoser diagnoser = new Diagnoser(runner, new DecisionEngine(clock), cel, Duration.ofSeconds(30), clock);
        this.service = new IncidentService(
                catalog,
                store,
                diagnoser,
                chat,
                new ApprovalPolicy(List.of(), "T1", ApproverDirectory.none()),
                new PreviewOnlyRemediator(),
                inputs,
                workers,
                clock,
                "production");
    }

    public static RunbookSpec runbook(String yaml) {
        return new RunbookLoader()
                .parse(Path.of("test.yaml"), yaml.getBytes(StandardCharsets.UTF_8))
                .spec()
                .orElseThrow(() -> new IllegalArgumentException("test runbook does not load:\n" + yaml));
    }

    public IncidentStore store() {
        return store;
    }

    public RecordingChatGateway chat() {
        return chat;
    }

    public Catalog catalog() {
        return catalog;
    }

    public IncidentService service() {
        return service;
    }

    /** The inputs (template context) each incident was started with. */
    public IncidentInputs inputs() {
        return inputs;
    }

    /** The summaries of an incident's timeline entries of {@code kind}, in order. */
    public List<String> timeline(IncidentId id, TimelineKind kind) {
        return store.timeline(id).stream()
                .filter(e -> e.kind() == kind)
                .map(TimelineEvent::summary)
                .toList();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private static final class PreviewOnlyRemediator implements Remediator {
        @Override
        public String preview(
                Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
            return "manual: " + remediation.instructions().orElse("");
        }

        @Override
        public String execute(RunContext context, Actor actor) {
            throw new AssertionError("alert tests never execute remediations");
        }

        @Override
        public String markDone(RunContext context, Actor actor) {
            throw new AssertionError("alert tests never mark remediations done");
        }
    }
}

package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.decide.DecisionEngine;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.diagnose.ConditionStepInterpreter;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.remediate.ApproverDirectory;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.RecordingChatGateway;
import dev.runbookbot.testing.RecordingRemediator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident service's decisions on clicks, with the real diagnoser (over a fixed diagnostic), the in-memory store and
 * a recording chat gateway. Workers run on the calling thread, so every test reads as a sequence.
 */
class IncidentServiceClicksTest {
    private static final String RUNBOOK = """
            id: api-down
            name: API down
            description: The API does not answer
            severity: P2
            service: api
            triggers: [{type: manual}]
            diagnostics:
              - id: health
                name: API health
                description: the health endpoint
                type: http_check
                config: {urls: [{name: api, url: "http://127.0.0.1:9/health"}]}
                interpret:
                  critical: "!all_healthy"
                  healthy: "all_healthy"
            decisionTree:
              - condition: "diagnostics.health.status == 'critical'"
                then: [restart_api, check_dashboards]
                description: API unhealthy
            remediations:
              - id: restart_api
                name: Restart the API
                description: Rolling restart
                type: automated
                action: {type: restart_service, config: {deployment: api, namespace: prod}}
                requiresApproval: true
                safety: {approvalTimeout: 2m}
              - id: check_dashboards
                name: Check dashboards
                description: Look at the dashboards
                type: manual
                instructions: Open the API dashboard.
            escalation: {primary: C111}
            approval: {approvers: [U111, U222]}
            """;

    private final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final RecordingRemediator remediator = new RecordingRemediator(store);
    private ExecutorService steps;
    private ScheduledExecutorService timer;
    private IncidentService service;

    @BeforeEach
    void build() {
        RunbookSpec runbook = new RunbookLoader()
                .parse(Path.of("runbooks/api-down.yaml"), RUNBOOK.getBytes(StandardCharsets.UTF_8))
                .spec()
                .orElseThrow();
        steps = Executors.newCachedThreadPool();
        timer = Executors.newSingleThreadScheduledExecutor();
        DiagnosticExecutors executors = DiagnosticExecutors.of(List.of(new UnhealthyHttpCheck()));
        CelConditionLanguage cel = new CelConditionLanguage();
        Diagnoser diagnoser = new Diagnoser(
                new ParallelRunner(executors, new ConditionStepInterpreter(cel, executors), steps, timer, clock),
                new DecisionEngine(clock),
                cel,
                Duration.ofSeconds(30),
                clock);
        service = new IncidentService(
                Catalog.of(List.of(runbook)),
                store,
                diagnoser,
                chat,
                new ApprovalPolicy(List.of(), "T1", ApproverDirectory.none()),
                remediator,
                new MemoryIncidentInputs(),
                Runnable::run,
                clock,
                "production");
    }

    @AfterEach
    void stop() {
        steps.shutdownNow();
        timer.shutdownNow();
    }

    private List<RemediationRun> started() {
        StartResult result = service.start(RunRequest.manual(
                "api-down", Map.of(), Optional.empty(), new Actor("U111", "T1"), IncidentSource.SLASH_COMMAND, "C1"));
        Incident incident = assertInstanceOf(StartResult.Started.class, result).incident();
        return store.runs(incident.id());
    }

    private RemediationRun run(List<RemediationRun> runs, String remediationId) {
        return runs.stream()
                .filter(r -> r.remediationId().equals(remediationId))
                .findFirst()
                .orElseThrow();
    }

    private List<String> summaries(IncidentId incident) {
        return store.timeline(incident).stream().map(TimelineEvent::summary).toList();
    }

    @Test
    void aClickAfterTheApprovalWindowIsRefusedRecordedAndTheMessageShowsTheExpiry() {
        RemediationRun restart = run(started(), "restart_api");
        clock.advance(Duration.ofMinutes(3));

        ActionAnswer answer = service.approve(restart.id(), new Actor("U222", "T1"), shownAt(restart.id()));

        assertFalse(answer.accepted());
        assertTrue(answer.message().contains("approval window closed"), answer.message());
        assertEquals(RunState.EXPIRED, store.run(restart.id()).orElseThrow().state());
        RemediationView last = chat.remediations().get(chat.remediations().size() - 1);
        assertEquals(restart.id(), last.run().id());
        assertEquals(RunState.EXPIRED, last.run().state(), "the message is edited to show the expiry");
        assertTrue(summaries(restart.incidentId()).stream()
                .anyMatch(s -> s.startsWith("refused approve of restart_api (" + restart.id() + ")")));
        assertTrue(remediator.executions().isEmpty());
    }

    @Test
    void doneRecordsTheManualStepOnceAndASecondClickIsRefused() {
        RemediationRun manual = run(started(), "check_dashboards");
        assertEquals(RunState.APPROVED, manual.state());

        ActionAnswer first = service.markDone(manual.id(), new Actor("U222", "T1"), shownAt(manual.id()));
        ActionAnswer second = service.markDone(manual.id(), new Actor("U222", "T1"), shownAt(manual.id()));

        assertTrue(first.accepted(), first.message());
        assertFalse(second.accepted(), "a double click is refused");
        assertTrue(second.message().contains("already succeeded"), second.message());
        assertEquals(RunState.SUCCEEDED, store.run(manual.id()).orElseThrow().state());
        assertTrue(remediator.executions().isEmpty(), "a manual step is never executed by the bot");
        assertTrue(summaries(manual.incidentId()).stream().anyMatch(s -> s.startsWith("refused mark_done")));
    }

    @Test
    void doneOnAnAutomatedStepAndRunOnAManualOneAreRefused() {
        List<RemediationRun> runs = started();
        RemediationRun restart = run(runs, "restart_api");
        RemediationRun manual = run(runs, "check_dashboards");

        ActionAnswer done = service.markDone(restart.id(), new Actor("U222", "T1"), shownAt(restart.id()));
        ActionAnswer ran = service.run(manual.id(), new Actor("U222", "T1"), shownAt(manual.id()));

        assertFalse(done.accepted());
        assertTrue(done.message().contains("cannot be marked done"), done.message());
        assertFalse(ran.accepted());
        assertTrue(ran.message().contains("manual step"), ran.message());
        assertEquals(RunState.PROPOSED, store.run(restart.id()).orElseThrow().state());
        assertEquals(RunState.APPROVED, store.run(manual.id()).orElseThrow().state());
        assertTrue(remediator.executions().isEmpty());
    }

    @Test
    void eachDiagnosticResultIsRecordedOnceAndTheDecisionsBesideIt() {
        IncidentId incident = started().get(0).incidentId();

        List<TimelineEvent> timeline = store.timeline(incident);

        assertEquals(
                List.of("API health: critical (`!all_healthy` held with all_healthy=false)"),
                timeline.stream()
                        .filter(e -> e.kind() == TimelineKind.DIAGNOSTIC)
                        .map(TimelineEvent::summary)
                        .toList());
        assertEquals(
                List.of(
                        "decision 'API unhealthy' matched: proposes restart_api, check_dashboards",
                        "overall severity: critical (1 critical)",
                        "plan: restart_api (by 'API unhealthy'), check_dashboards (by 'API unhealthy')"),
                timeline.stream()
                        .filter(e -> e.kind() == TimelineKind.DECISION)
                        .map(TimelineEvent::summary)
                        .toList());
    }

    @Test
    void anApprovalRunsTheRemediationOnce() {
        RemediationRun restart = run(started(), "restart_api");

        ActionAnswer approved = service.approve(restart.id(), new Actor("U222", "T1"), shownAt(restart.id()));
        ActionAnswer again = service.approve(restart.id(), new Actor("U222", "T1"), shownAt(restart.id()));

        assertTrue(approved.accepted(), approved.message());
        assertFalse(again.accepted());
        assertEquals(1, remediator.executions().size());
        assertEquals(RunState.SUCCEEDED, store.run(restart.id()).orElseThrow().state());
    }

    @Test
    void aClickOnRunAsButtonFromAnotherMessageOrChannelIsRefusedRecordedAndRunsNothing() {
        RemediationRun restart = run(started(), "restart_api");
        ChatLocation own = shownAt(restart.id());
        ChatLocation otherMessage = new ChatLocation(own.channel(), "9999.0001");
        ChatLocation otherChannel = new ChatLocation("C-OTHER", own.ts());

        ActionAnswer fromMessage = service.approve(restart.id(), new Actor("U222", "T1"), otherMessage);
        ActionAnswer fromChannel = service.approve(restart.id(), new Actor("U222", "T1"), otherChannel);
        ActionAnswer rejected = service.reject(restart.id(), new Actor("U222", "T1"), otherMessage);

        assertFalse(fromMessage.accepted());
        assertEquals(
                "this button was clicked on message 9999.0001, but restart_api (" + restart.id() + ") is shown on"
                        + " message " + own.ts() + "; a button acts only on the message it is on, so nothing was done",
                fromMessage.message());
        assertFalse(fromChannel.accepted());
        assertTrue(fromChannel.message().startsWith("this button was clicked in channel C-OTHER, but"));
        assertFalse(rejected.accepted());
        assertEquals(RunState.PROPOSED, store.run(restart.id()).orElseThrow().state());
        assertTrue(remediator.executions().isEmpty());
        assertEquals(
                3,
                summaries(restart.incidentId()).stream()
                        .filter(s -> s.startsWith("refused ") && s.contains("a button acts only on the message"))
                        .count());

        assertTrue(service.approve(restart.id(), new Actor("U222", "T1"), own).accepted());
    }

    @Test
    void imOnItActsOnlyFromTheIncidentsParentMessage() {
        IncidentId incident = started().get(0).incidentId();
        ChatLocation parent = store.incident(incident).orElseThrow().thread().orElseThrow();

        ActionAnswer elsewhere =
                service.acknowledge(incident, new Actor("U222", "T1"), new ChatLocation("C-OTHER", parent.ts()));

        assertFalse(elsewhere.accepted());
        assertTrue(store.incident(incident).orElseThrow().acknowledgement().isEmpty());
        assertTrue(summaries(incident).stream().anyMatch(s -> s.startsWith("refused acknowledge of " + incident)));
        assertTrue(
                service.acknowledge(incident, new Actor("U222", "T1"), parent).accepted());
    }

    /** Where the run's buttons are: a click made there acts on it. */
    private ChatLocation shownAt(RunId run) {
        return store.run(run).orElseThrow().message().orElseThrow();
    }

    /** An http_check that always finds the URL unhealthy. */
    private static final class UnhealthyHttpCheck implements DiagnosticExecutor {
        @Override
        public DiagnosticType type() {
            return DiagnosticType.HTTP_CHECK;
        }

        @Override
        public Map<String, ValueType> facts() {
            return Map.of("all_healthy", ValueType.BOOL);
        }

        @Override
        public List<ConfigProblem> validate(StepConfig config) {
            return List.of();
        }

        @Override
        public Outcome execute(DiagnosticRequest request) {
            return Outcome.observed(Map.of("all_healthy", false), "api answered 503", List.of());
        }
    }
}

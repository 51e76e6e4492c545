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
import dev.runbookbot.decide.DecisionEngine;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.diagnose.ConditionStepInterpreter;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.remediate.ApproverDirectory;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.RecordingChatGateway;
import dev.runbookbot.testing.ValueProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The orchestrator over the in-memory store, real CEL and runner, a recording chat and a recording remediator. */
class IncidentServiceTest {
    private static final String RUNBOOK = """
            id: api-slow
            name: API slow
            description: p99 latency of the API is high
            severity: P1
            service: api
            triggers: [{type: manual}]
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
                then: [restart_api, page_owner]
                description: Latency is critical
            remediations:
              - id: restart_api
                name: Restart API
                description: rolling restart of the API
                type: automated
                action: {type: restart_service, config: {deployment: api, namespace: prod}}
                requiresApproval: true
              - id: page_owner
                name: Check the dashboards
                description: look at the API dashboard
                type: manual
                instructions: Open the API dashboard.
            escalation: {primary: "#inc-api"}
            approval: {approvers: [U-APPROVER, U-REQUESTER, U-OTHER]}
            """;

    /** The same diagnosis choosing escalations: one without requiresApproval, one with. */
    private static final String ESCALATING = """
            id: api-down
            name: API down
            description: the API does not answer
            severity: P1
            service: api
            triggers: [{type: manual}]
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
                then: [page_oncall, page_director]
                description: Latency is critical
            remediations:
              - id: page_oncall
                name: Page the on-call
                description: page the API on-call with the evidence
                type: escalate
              - id: page_director
                name: Page the director
                description: only when a person says so
                type: escalate
                requiresApproval: true
            escalation: {primary: "#inc-api"}
            approval: {approvers: [U-APPROVER, U-REQUESTER, U-OTHER]}
            """;

    private static final Actor REQUESTER = new Actor("U-REQUESTER", "T1");
    private static final Actor APPROVER = new Actor("U-APPROVER", "T1");
    private static final Actor STRANGER = new Actor("U-STRANGER", "T1");

    private final ManualClock clock = ManualClock.at("2026-11-23T10:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile double latency = 95.0;
    private final IncidentService service = service();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void aRunOpensTheThreadDiagnosesAndProposesThePlan() {
        StartResult result = service.start(manual("api-slow"));

        Incident incident = assertInstanceOf(StartResult.Started.class, result).incident();
        assertEquals(
                List.of(
                        "openThread #inc-api " + incident.id(),
                        "showIncident " + incident.id() + " DIAGNOSING",
                        "showDiagnosis " + incident.id() + " 1/1 final",
                        "showPlan " + incident.id() + " critical [restart_api, page_owner]",
                        "showRemediation restart_api (run-1) PROPOSED",
                        "showRemediation page_owner (run-2) APPROVED",
                        "showIncident " + incident.id() + " AWAITING_APPROVAL"),
                chat.calls());
        assertEquals(
                IncidentState.AWAITING_APPROVAL,
                store.incident(incident.id()).orElseThrow().state());
        assertEquals(
                "restart deployment/api -n prod",
                store.runs(incident.id()).get(0).preview());
        assertTrue(executed.isEmpty(), "nothing runs before someone approves");
    }

    @Test
    void anUnknownRunbookIsRefusedWithTheClosestMatches() {
        StartResult result = service.start(manual("api-slwo"));

        StartResult.Refused refused = assertInstanceOf(StartResult.Refused.class, result);
        assertEquals(List.of("no runbook 'api-slwo'"), refused.problems());
        assertEquals(List.of("api-slow"), refused.suggestions());
        assertTrue(chat.calls().isEmpty());
    }

    @Test
    void anApproverRunsTheRemediationExactlyOnceEvenWhenClickingTwice() {
        RunId run = proposedRun();

        ActionAnswer first = service.approve(run, APPROVER, shownAt(run));
        ActionAnswer second = service.approve(run, APPROVER, shownAt(run));

        assertTrue(first.accepted(), first.message());
        assertEquals("approved restart_api (run-1); it runs now", first.message());
        assertFalse(second.accepted());
        assertEquals(List.of("run-1 by U-APPROVER"), executed);
    }

    @Test
    void aStrangerCannotApproveAndTheRefusalIsRecorded() {
        RunId run = proposedRun();

        ActionAnswer answer = service.approve(run, STRANGER, shownAt(run));

        assertFalse(answer.accepted());
        assertEquals(
                "only the approvers of runbook api-slow may approve its remediations (U-APPROVER, U-REQUESTER, U-OTHER)",
                answer.message());
        assertTrue(executed.isEmpty());
        assertTrue(
                timeline(run).contains("refused approve of restart_api (run-1): " + answer.message()),
                timeline(run).toString());
    }

    @Test
    void onAP1TheRequesterCannotApproveTheirOwnRun() {
        RunId run = proposedRun();

        ActionAnswer answer = service.approve(run, REQUESTER, shownAt(run));

        assertFalse(answer.accepted());
        assertEquals(
                "this is a P1 incident and you triggered the run: someone else has to approve it (four eyes)",
                answer.message());
        assertTrue(executed.isEmpty());
    }

    @Test
    void aPersonFromAnotherTeamCannotAct() {
        RunId run = proposedRun();

        ActionAnswer answer = service.approve(run, new Actor("U-APPROVER", "T-FOREIGN"), shownAt(run));

        assertFalse(answer.accepted());
        assertTrue(answer.message().startsWith("you are not a member of this workspace's team"), answer.message());
    }

    @Test
    void aRejectedRunCannotBeApprovedAfterwards() {
        RunId run = proposedRun();

        assertTrue(service.reject(run, new Actor("U-OTHER", "T1"), shownAt(run)).accepted());
        ActionAnswer late = service.approve(run, APPROVER, shownAt(run));

        assertFalse(late.accepted());
        assertTrue(executed.isEmpty());
        assertEquals(RunState.REJECTED, store.run(run).orElseThrow().state());
    }

    @Test
    void anExpiredApprovalIsRefused() {
        RunId run = proposedRun();
        clock.advance(Duration.ofMinutes(3)); // the default approval timeout is 120 s

        ActionAnswer late = service.approve(run, APPROVER, shownAt(run));

        assertFalse(late.accepted());
        assertTrue(executed.isEmpty());
    }

    @Test
    void aManualStepIsMarkedDoneByWhoeverDidIt() {
        service.start(manual("api-slow"));
        RunId manualRun =
                store.runs(store.incidents(true, 10).get(0).id()).get(1).id();

        ActionAnswer done = service.markDone(manualRun, APPROVER, shownAt(manualRun));

        assertTrue(done.accepted(), done.message());
        RemediationRun after = store.run(manualRun).orElseThrow();
        assertEquals(RunState.SUCCEEDED, after.state());
        assertEquals("U-APPROVER", after.lastTransition().actor());
    }

    @Test
    void aHealthyDiagnosisProposesNothing() {
        latency = 12.0;

        Incident incident = assertInstanceOf(StartResult.Started.class, service.start(manual("api-slow")))
                .incident();

        assertEquals(List.of(), store.runs(incident.id()));
        assertEquals(
                IncidentState.OPEN, store.incident(incident.id()).orElseThrow().state());
    }

    @Test
    void whenTheBotIsNotInTheChannelTheRequesterIsToldAndTheDiagnosisStillRuns() {
        chat.refuseChannels();

        Incident incident = assertInstanceOf(StartResult.Started.class, service.start(manual("api-slow")))
                .incident();

        assertTrue(
                chat.calls().stream().anyMatch(c -> c.startsWith("tell U-REQUESTER I could not post in #inc-api")),
                chat.calls().toString());
        assertEquals(2, store.runs(incident.id()).size());
    }

    @Test
    void anEscalationWithoutRequiresApprovalRunsByItselfAndOneWithItWaits() {
        Incident incident = assertInstanceOf(StartResult.Started.class, service.start(manual("api-down")))
                .incident();

        List<RemediationRun> runs = store.runs(incident.id());
        assertEquals(
                List.of("page_oncall", "page_director"),
                runs.stream().map(RemediationRun::remediationId).toList());
        assertEquals(List.of("run-1 by runbook-bot"), executed, "the plan's escalation pages without a click");
        assertEquals(RunState.SUCCEEDED, runs.get(0).state());
        assertEquals(RunState.PROPOSED, runs.get(1).state(), "requiresApproval waits for a person");
        assertTrue(
                chat.calls().contains("showRemediation page_oncall (run-1) SUCCEEDED"),
                chat.calls().toString());
    }

    private RunId proposedRun() {
        service.start(manual("api-slow"));
        return store.runs(store.incidents(true, 10).get(0).id()).get(0).id();
    }

    /** Where the run's buttons are: a click made there acts on it. */
    private ChatLocation shownAt(RunId run) {
        return store.run(run).orElseThrow().message().orElseThrow();
    }

    private List<String> timeline(RunId run) {
        IncidentId incident = store.run(run).orElseThrow().incidentId();
        return store.timeline(incident).stream().map(TimelineEvent::summary).toList();
    }

    private static RunRequest manual(String runbookId) {
        return RunRequest.manual(
                runbookId, Map.of(), Optional.empty(), REQUESTER, IncidentSource.SLASH_COMMAND, "#inc-api");
    }

    private IncidentService service() {
        RunbookSpec runbook = new RunbookLoader()
                .parse(Path.of("api-slow.yaml"), RUNBOOK.getBytes(StandardCharsets.UTF_8))
                .spec()
                .orElseThrow();
        RunbookSpec escalating = new RunbookLoader()
                .parse(Path.of("api-down.yaml"), ESCALATING.getBytes(StandardCharsets.UTF_8))
                .spec()
                .orElseThrow();
        DiagnosticExecutors executors = DiagnosticExecutors.of(List.of(new ValueProbe(
                request -> Outcome.observed(Map.of("value", latency), "p99 " + latency + " ms", List.of()))));
        CelConditionLanguage cel = new CelConditionLanguage();
        ParallelRunner runner =
                new ParallelRunner(executors, new ConditionStepInterpreter(cel, executors), pool, timer, clock);
        Diagnoser diagnoser = new Diagnoser(runner, new DecisionEngine(clock), cel, Duration.ofSeconds(30), clock);
        return new IncidentService(
                Catalog.of(List.of(runbook, escalating)),
                store,
                diagnoser,
                chat,
                new ApprovalPolicy(List.of(), "T1", ApproverDirectory.none()),
                new RecordingRemediator(),
                new MemoryIncidentInputs(),
                Runnable::run,
                clock,
                "prod");
    }

    /** Records executions and finishes the run as the pipeline would. */
    private final class RecordingRemediator implements Remediator {
        @Override
        public String preview(
                Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
            return remediation
                    .action()
                    .map(a -> "restart deployment/" + a.config().values().get("deployment") + " -n "
                            + a.config().values().get("namespace"))
                    .orElse("manual: " + remediation.instructions().orElse(""));
        }

        @Override
        public String execute(RunContext context, Actor actor) {
            RunId run = context.run().id();
            executed.add(run + " by " + actor.userId());
            store.start(run, actor.userId(), "test-worker", Duration.ofMinutes(1));
            store.finish(run, RunState.SUCCEEDED, actor.userId(), "done", "ok");
            return "done";
        }

        @Override
        public String markDone(RunContext context, Actor actor) {
            RunId run = context.run().id();
            store.start(run, actor.userId(), "manual", Duration.ofMinutes(1));
            store.finish(run, RunState.SUCCEEDED, actor.userId(), "done by hand", "");
            return "done by " + actor.userId();
        }
    }
}

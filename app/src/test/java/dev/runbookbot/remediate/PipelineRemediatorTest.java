package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.TestRunbooks.approvalRequired;
import static dev.runbookbot.remediate.TestRunbooks.automated;
import static dev.runbookbot.remediate.TestRunbooks.safeForAutomation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.incident.ActionAnswer;
import dev.runbookbot.incident.CatalogRemediationContexts;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.MemoryIncidentInputs;
import dev.runbookbot.incident.PipelineRemediator;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.incident.RunRequest;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.ExpectSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.InMemoryPromotions;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline behind the incident service's {@code Remediator} port: a slash-command run diagnoses, proposes, runs
 * the safe step by itself and the approved one after the click, all through the guards, with the outcome in the thread.
 */
class PipelineRemediatorTest {
    private final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final ScriptedDiagnostics world = new ScriptedDiagnostics();
    private final FakeActionExecutor script = new FakeActionExecutor(ActionType.RUN_SCRIPT);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final MemoryIncidentInputs inputs = new MemoryIncidentInputs();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<Verification> verifications = new CopyOnWriteArrayList<>();

    private final RunbookSpec runbook = TestRunbooks.runbook(List.of(
            automated("kill_idle", ActionType.RUN_SCRIPT, approvalRequired(), new ExpectSpec("^OK$", false)),
            automated("capture_logs", ActionType.RUN_SCRIPT, safeForAutomation())));

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    /** Records notes; every post lands. */
    private final ChatGateway chat = new ChatGateway() {
        private long ts;

        private synchronized ChatPost posted() {
            return new ChatPost.Posted(new ChatLocation("C0OPS", "1740798000." + (++ts)));
        }

        @Override
        public ChatPost openThread(String channel, Incident incident, RunbookSpec spec) {
            return posted();
        }

        @Override
        public void showIncident(Incident incident, RunbookSpec spec) {}

        @Override
        public void showDiagnosis(
                Incident incident, RunbookSpec spec, List<DiagnosticResult> results, int expected, boolean done) {}

        @Override
        public void showPlan(Incident incident, RunbookSpec spec, Plan plan) {}

        @Override
        public ChatPost showRemediation(RemediationView view) {
            return posted();
        }

        @Override
        public void note(Incident incident, String text) {
            notes.add(text);
        }

        @Override
        public ChatPost post(String channel, String text) {
            return posted();
        }

        @Override
        public void tell(String channel, String userId, String text) {}
    };

    private IncidentService service() {
        Diagnoser diagnoser = RecoveryCheckTest.diagnoser(world, pool, timer, clock);
        RecoveryCheck recovery = new RecoveryCheck(
                diagnoser,
                new CelConditionLanguage(),
                store,
                verifications::add,
                scheduler,
                Duration.ofSeconds(30),
                text -> text,
                clock);
        Catalog catalog = Catalog.of(List.of(runbook));
        RemediationPipeline pipeline = new RemediationPipeline(
                store,
                ActionExecutors.of(List.of(script)),
                new CatalogRemediationContexts(catalog, inputs),
                GuardChain.standard(new InMemoryPromotions(clock)),
                (incident, rb, remediation, actor) -> new ActionOutcome.Failed("no pager in this test", ""),
                recovery,
                text -> text,
                PipelineSettings.defaults("bot-1"),
                clock);
        return new IncidentService(
                catalog,
                store,
                diagnoser,
                chat,
                new ApprovalPolicy(List.of(), "T0TEAM", ApproverDirectory.none()),
                new PipelineRemediator(pipeline),
                inputs,
                Runnable::run,
                clock,
                "prod");
    }

    @Test
    void aSlashCommandRunProposesRunsTheSafeStepAndTheApprovedOneThroughTheGuards() {
        IncidentService service = service();
        world.set("check_db", 97);
        world.set("check_pods", 10);
        world.set("check_errors", 10);

        StartResult started = service.start(RunRequest.manual(
                "payments-slow",
                Map.of("db", "payments"),
                Optional.empty(),
                new Actor("U0REQUESTER", "T0TEAM"),
                IncidentSource.SLASH_COMMAND,
                "C0OPS"));

        IncidentId incident = ((StartResult.Started) started).incident().id();
        List<RemediationRun> runs = store.runs(incident);
        assertEquals(
                List.of("kill_idle PROPOSED", "capture_logs SUCCEEDED"),
                runs.stream().map(r -> r.remediationId() + " " + r.state()).toList());
        assertEquals(
                "fake run_script\nterminate idle connections of payments",
                runs.get(0).preview());
        assertEquals(
                List.of("capture_logs (run-2) succeeded: the action completed (no expected-output pattern to check);"
                        + " checking whether the service recovered\noutput:\nOK"),
                notes);

        RunId killIdle = runs.get(0).id();
        ActionAnswer approved = service.approve(
                killIdle,
                new Actor("U0APPROVER", "T0TEAM"),
                store.run(killIdle).orElseThrow().message().orElseThrow());
        assertTrue(approved.accepted(), approved.message());

        assertEquals(RunState.SUCCEEDED, store.run(killIdle).orElseThrow().state());
        assertEquals(
                "kill_idle (run-1) succeeded: output matched expected pattern \"^OK$\"; checking whether the service"
                        + " recovered\noutput:\nOK",
                notes.get(1));
        assertEquals(2, script.executed.size());
        assertEquals("INC-1/kill_idle/1", script.executed.get(1).idempotencyKey());

        world.set("check_db", 20);
        scheduler.advance(Duration.ofSeconds(30));
        assertEquals(2, verifications.size());
        assertTrue(verifications.stream().allMatch(Verification::recovered), verifications.toString());
    }

    @Test
    void aRefusalIsPutIntoWords() {
        assertEquals(
                "run-3 did not run: kill_idle (run-3) is waiting for approval (0 of 1); it cannot run before it is"
                        + " approved",
                PipelineRemediator.describe(new ExecutionResult.Refused(
                        new RunId(3),
                        dev.runbookbot.remediate.RefusalKind.NOT_ALLOWED,
                        "kill_idle (run-3) is waiting for approval (0 of 1); it cannot run before it is approved")));
    }
}

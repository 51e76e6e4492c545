package dev.runbookbot.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.LoopIterationDetail;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.UntilCheckDetail;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.decide.DecisionEngine;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.diagnose.ConditionStepInterpreter;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.UntilSpec;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remediations with {@code forEach} and {@code until} through the real pipeline, SQLite store, diagnoser and CEL: every
 * target in the approved preview, one at a time, stopping at the first failure with the rest reported as not run, items
 * read again from a fresh diagnosis at execution, and waits re-checked on fresh facts with a clock the pause advances
 * (nothing sleeps).
 */
class ActionLoopTest {
    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2026-03-01T03:00:00Z");
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService loopHelpers = Executors.newFixedThreadPool(2);
    private final List<String> acted = new CopyOnWriteArrayList<>();
    private final List<String> failOn = new CopyOnWriteArrayList<>();
    private final Deque<Double> readiness = new ArrayDeque<>();
    private volatile List<String> pods = List.of("web-1", "web-2", "web-3");

    private SqliteDatabase database;
    private JdbiIncidentStore store;
    private RemediationPipeline pipeline;
    private RunbookSpec runbook;

    /** {@code pods} lists {@link #pods}; {@code ready} reads the next value of {@link #readiness} (0 once empty). */
    private final DiagnosticExecutor world = new DiagnosticExecutor() {
        @Override
        public DiagnosticType type() {
            return DiagnosticType.PROMETHEUS_QUERY;
        }

        @Override
        public Map<String, ValueType> facts() {
            return Map.of("value", ValueType.DOUBLE, "lines", ValueType.STRING_LIST);
        }

        @Override
        public List<ConfigProblem> validate(StepConfig config) {
            return List.of();
        }

        @Override
        public Outcome execute(DiagnosticRequest request) {
            if (request.spec().id().equals("pods")) {
                return Outcome.observed(Map.of("value", (double) pods.size(), "lines", pods), "pods", List.of());
            }
            Double next;
            synchronized (readiness) {
                next = readiness.poll();
            }
            return Outcome.observed(Map.of("value", next == null ? 0.0 : next), "ready", List.of());
        }
    };

    /** Renders {@code command} with the item; fails for an item in {@link #failOn}. */
    private final ActionExecutor restart = new ActionExecutor() {
        @Override
        public ActionType type() {
            return ActionType.RUN_SCRIPT;
        }

        @Override
        public List<ConfigProblem> validate(StepConfig config) {
            return List.of();
        }

        @Override
        public ActionPreview preview(ActionRequest request) throws ActionException {
            try {
                String command = Template.parse(
                                request.action().config().string("command").orElseThrow())
                        .render(request.context(), TemplateSink.TEXT)
                        .text();
                return new ActionPreview("pod " + request.context().item().orElse("?"), List.of(command));
            } catch (TemplateException e) {
                throw new ActionException(e.getMessage());
            }
        }

        @Override
        public ActionOutcome execute(ActionRequest request) {
            String item = String.valueOf(request.context().item().orElse("?"));
            acted.add(item);
            return failOn.contains(item)
                    ? new ActionOutcome.Failed("kubectl: " + item + " not found", "")
                    : new ActionOutcome.Completed("restarted " + item);
        }
    };

    private static DiagnosticSpec step(String id) {
        return new DiagnosticSpec(
                id,
                "Step " + id,
                "",
                DiagnosticType.PROMETHEUS_QUERY,
                StepConfig.empty("diagnostics." + id + ".config"),
                Duration.ofSeconds(10),
                new InterpretSpec(Optional.empty(), Optional.empty(), Optional.of("true"), TestRunbooks.HERE),
                TestRunbooks.HERE);
    }

    private static RemediationSpec looped(String id, LoopSpec loop, Optional<UntilSpec> until) {
        return RemediationSpec.of(id, "Restart " + id, RemediationType.AUTOMATED, TestRunbooks.HERE)
                .action(Optional.of(new ActionSpec(
                        ActionType.RUN_SCRIPT,
                        new StepConfig(Map.of("command", "kubectl delete pod {{ item }}"), "remediations[0].config"))))
                .safety(TestRunbooks.approvalRequired())
                .forEach(Optional.of(loop))
                .until(until)
                .build();
    }

    private static LoopSpec written(String... items) {
        return new LoopSpec(List.of((Object[]) items), Optional.empty(), 1, Optional.empty(), TestRunbooks.HERE);
    }

    private static final UntilSpec READY = new UntilSpec(
            "diagnostics.ready.value == 1.0", Duration.ofSeconds(5), Duration.ofSeconds(12), TestRunbooks.HERE);

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(StoreOptions.at(directory.resolve("runbook-bot.db")), clock);
        store = new JdbiIncidentStore(database, clock);
        CelConditionLanguage cel = new CelConditionLanguage();
        DiagnosticExecutors executors = DiagnosticExecutors.of(List.of(world));
        Diagnoser diagnoser = new Diagnoser(
                new ParallelRunner(executors, new ConditionStepInterpreter(cel, executors), pool, timer, clock),
                new DecisionEngine(clock),
                cel,
                Duration.ofSeconds(30),
                clock);
        runbook = TestRunbooks.runbook(
                List.of(step("pods"), step("ready")),
                List.of(TestRunbooks.decision(
                        "true", "always", "one_by_one", "from_pods", "wait_ready", "capped", "side_by_side")),
                List.of(
                        looped("one_by_one", written("web-1", "web-2", "web-3"), Optional.empty()),
                        looped(
                                "from_pods",
                                new LoopSpec(
                                        List.of(),
                                        Optional.of("diagnostics.pods.lines"),
                                        1,
                                        Optional.of(5),
                                        TestRunbooks.HERE),
                                Optional.empty()),
                        looped("wait_ready", written("web-1", "web-2"), Optional.of(READY)),
                        looped(
                                "capped",
                                new LoopSpec(
                                        List.of(),
                                        Optional.of("diagnostics.pods.lines"),
                                        1,
                                        Optional.of(2),
                                        TestRunbooks.HERE),
                                Optional.empty()),
                        looped(
                                "side_by_side",
                                new LoopSpec(
                                        List.of("web-1", "web-2", "web-3", "web-4", "web-5"),
                                        Optional.empty(),
                                        3,
                                        Optional.empty(),
                                        TestRunbooks.HERE),
                                Optional.empty())),
                1);
        RecoveryCheck recovery = new RecoveryCheck(
                diagnoser, cel, store, v -> {}, new ManualScheduler(), Duration.ofHours(1), text -> text, clock);
        FreshDiagnostics fresh = new DiagnoserFreshDiagnostics(diagnoser);
        Pause advance = clock::advance;
        ActionLoop loops =
                new ActionLoop(fresh, new UntilWait(fresh, cel, store, advance, clock), store, clock, loopHelpers);
        RemediationContexts contexts = (incident, run) -> runbook.remediation(run.remediationId())
                .map(r -> new RemediationContext(
                        runbook, r, new TemplateContext(Map.of("db", "x"), Map.of(), Map.of()), Optional.empty()));
        pipeline = new RemediationPipeline(
                store,
                ActionExecutors.of(List.of(restart)),
                contexts,
                GuardChain.standard(new JdbiPromotions(database, clock)),
                (incident, rb, remediation, actor) -> new ActionOutcome.Completed("paged"),
                recovery,
                text -> text,
                PipelineSettings.defaults("bot-1"),
                clock,
                Optional.of(loops));
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        timer.shutdownNow();
        loopHelpers.shutdownNow();
        database.close();
    }

    private Incident incident() {
        return store.open(new NewIncident(
                        "web crash-looping",
                        runbook.id(),
                        runbook.version(),
                        "payments",
                        Severity.P2,
                        "prod",
                        IncidentSource.SLASH_COMMAND,
                        Optional.empty(),
                        Optional.empty(),
                        "U0REQUESTER",
                        Optional.empty(),
                        Optional.empty()))
                .value();
    }

    private RemediationRun approved(Incident incident, String remediationId) throws ActionException {
        RemediationContext context = new RemediationContext(
                runbook,
                runbook.remediation(remediationId).orElseThrow(),
                new TemplateContext(Map.of("db", "x"), Map.of(), Map.of()),
                Optional.empty());
        RemediationRun run = store.propose(pipeline.proposal(incident.target(), context, 1, "U0REQUESTER", "always"))
                .value();
        return store.approve(run.id(), "U0APPROVER", "").appliedValue().orElseThrow();
    }

    private List<String> timeline(Incident incident) {
        return store.timeline(incident.id()).stream()
                .map(TimelineEvent::summary)
                .toList();
    }

    @Test
    void theApprovalListsEveryTargetAndEachRunsOnceInOrder() throws Exception {
        Incident incident = incident();
        RemediationRun run = approved(incident, "one_by_one");

        assertEquals(
                String.join(
                        "\n",
                        "for each of 3 items, one at a time, stopping at the first failure",
                        "[1/3] web-1 -> pod web-1",
                        "    kubectl delete pod web-1",
                        "[2/3] web-2 -> pod web-2",
                        "    kubectl delete pod web-2",
                        "[3/3] web-3 -> pod web-3",
                        "    kubectl delete pod web-3"),
                run.preview());
        ExecutionResult.Finished done =
                assertInstanceOf(ExecutionResult.Finished.class, pipeline.execute(run.id(), "U0APPROVER"));

        assertEquals(List.of("web-1", "web-2", "web-3"), acted);
        assertEquals(RunState.SUCCEEDED, done.run().orElseThrow().state());
        assertTrue(
                done.output().startsWith("3 of 3 items done\n[1/3] web-1: done\n    restarted web-1"), done.output());
        assertTrue(
                timeline(incident).contains("Restart one_by_one [2/3] web-2: done"),
                timeline(incident).toString());
    }

    @Test
    void aParallelLoopRunsEveryItemOnceOnTheSharedHelpersAndTheCallingThread() throws Exception {
        Incident incident = incident();
        RemediationRun run = approved(incident, "side_by_side");
        assertTrue(run.preview().startsWith("for each of 5 items, up to 3 at a time"), run.preview());

        ExecutionResult.Finished done =
                assertInstanceOf(ExecutionResult.Finished.class, pipeline.execute(run.id(), "U0APPROVER"));

        assertEquals(
                List.of("web-1", "web-2", "web-3", "web-4", "web-5"),
                acted.stream().sorted().toList());
        assertEquals(RunState.SUCCEEDED, done.run().orElseThrow().state());
        assertTrue(done.output().startsWith("5 of 5 items done\n[1/5] web-1: done"), done.output());
    }

    @Test
    void theFirstFailureStopsTheLoopAndTheRestIsReportedAsNotRun() throws Exception {
        failOn.add("web-2");
        Incident incident = incident();
        RemediationRun run = approved(incident, "one_by_one");

        ExecutionResult.Finished done =
                assertInstanceOf(ExecutionResult.Finished.class, pipeline.execute(run.id(), "U0APPROVER"));

        assertEquals(List.of("web-1", "web-2"), acted);
        assertEquals(RunState.FAILED, done.run().orElseThrow().state());
        assertEquals(
                "[2/3] web-2: failed: kubectl: web-2 not found; not run: 1 of 3 (2 ran)",
                done.verdict().reason());
        assertTrue(done.output().endsWith("not run: [3/3] web-3"), done.output());
    }

    @Test
    void itemsFromAFactAreReadAgainWhenTheRunExecutesAndAChangedListIsRefused() throws Exception {
        Incident incident = incident();
        RemediationRun run = approved(incident, "from_pods");
        assertTrue(run.preview().startsWith("for each of 3 items"), run.preview());

        pods = List.of("web-1", "web-4", "web-3");
        ExecutionResult.Refused changed =
                assertInstanceOf(ExecutionResult.Refused.class, pipeline.execute(run.id(), "U0APPROVER"));
        assertEquals(RefusalKind.NOT_ALLOWED, changed.kind(), changed.reason());
        assertTrue(changed.reason().contains("differs from what was approved"), changed.reason());
        assertEquals(List.of(), acted);

        pods = List.of("web-1", "web-2", "web-3"); // the approved targets again: the same run now runs
        assertInstanceOf(ExecutionResult.Finished.class, pipeline.execute(run.id(), "U0APPROVER"));
        assertEquals(List.of("web-1", "web-2", "web-3"), acted);
    }

    @Test
    void moreItemsThanMaxItemsCannotBeProposedNorRun() throws Exception {
        Incident incident = incident();
        ActionException e = assertThrows(ActionException.class, () -> approved(incident, "capped"));
        assertEquals(
                "capped: forEach diagnostics.pods.lines has 3 items, more than maxItems 2: nothing runs (an approver"
                        + " must see every target)",
                e.getMessage());

        pods = List.of("web-1", "web-2");
        RemediationRun run = approved(incident, "capped");
        pods = List.of("web-1", "web-2", "web-3");
        ExecutionResult.Refused refused =
                assertInstanceOf(ExecutionResult.Refused.class, pipeline.execute(run.id(), "U0APPROVER"));
        assertEquals(e.getMessage(), refused.reason());
        assertEquals(List.of(), acted);
    }

    @Test
    void afterEachItemTheConditionIsCheckedOnFreshFactsUntilItHoldsOrTheTimeoutStopsTheLoop() throws Exception {
        readiness.addAll(List.of(0.0, 1.0)); // web-1: ready at the second check; web-2: never
        Incident incident = incident();
        RemediationRun run = approved(incident, "wait_ready");
        assertTrue(
                run.preview()
                        .endsWith("after each: wait until `diagnostics.ready.value == 1.0`, checked every 5s for at"
                                + " most 12s"),
                run.preview());

        ExecutionResult.Finished done =
                assertInstanceOf(ExecutionResult.Finished.class, pipeline.execute(run.id(), "U0APPROVER"));

        assertEquals(List.of("web-1", "web-2"), acted);
        assertEquals(RunState.FAILED, done.run().orElseThrow().state());
        assertEquals(
                "[2/2] web-2: failed: `diagnostics.ready.value == 1.0` did not hold within 12s (3 checks; last: does"
                        + " not hold yet, ready healthy) (2 ran)",
                done.verdict().reason());
        List<String> events = timeline(incident);
        assertTrue(
                events.contains("[1/2] web-1: check 1: `diagnostics.ready.value == 1.0` does not hold yet (ready"
                        + " healthy)"),
                events.toString());
        assertTrue(
                events.contains("[1/2] web-1: check 2: `diagnostics.ready.value == 1.0` holds (ready healthy)"),
                events.toString());
        assertTrue(events.contains("Restart wait_ready [1/2] web-1: done"), events.toString());
    }

    @Test
    void eachIterationAndEachUntilCheckIsATimelineEventWithTypedDetails() throws Exception {
        readiness.addAll(List.of(0.0, 1.0)); // web-1: ready at the second check; web-2: never
        Incident incident = incident();
        RemediationRun run = approved(incident, "wait_ready");
        assertInstanceOf(ExecutionResult.Finished.class, pipeline.execute(run.id(), "U0APPROVER"));

        List<TimelineEvent> events = store.timeline(incident.id());
        List<LoopIterationDetail> iterations = events.stream()
                .flatMap(e -> TimelineDetails.read(e.detail(), LoopIterationDetail.class).stream())
                .filter(d -> d.result() != null)
                .toList();
        assertEquals(
                List.of(
                        new LoopIterationDetail("wait_ready", 1, 2, "web-1", LoopIterationDetail.DONE, null),
                        new LoopIterationDetail(
                                "wait_ready",
                                2,
                                2,
                                "web-2",
                                LoopIterationDetail.FAILED,
                                "`diagnostics.ready.value == 1.0` did not hold within 12s (3 checks; last: does not"
                                        + " hold yet, ready healthy)")),
                iterations);
        List<UntilCheckDetail> checks = events.stream()
                .flatMap(e -> TimelineDetails.read(e.detail(), UntilCheckDetail.class).stream())
                .filter(d -> d.verdict() != null)
                .filter(d -> "[1/2] web-1".equals(d.item()))
                .toList();
        String condition = "diagnostics.ready.value == 1.0";
        assertEquals(
                List.of(
                        new UntilCheckDetail(
                                "wait_ready", "[1/2] web-1", condition, 0, UntilCheckDetail.WAITING, null, Map.of()),
                        new UntilCheckDetail(
                                "wait_ready",
                                "[1/2] web-1",
                                condition,
                                1,
                                UntilCheckDetail.NOT_HELD,
                                null,
                                Map.of("ready", "healthy")),
                        new UntilCheckDetail(
                                "wait_ready",
                                "[1/2] web-1",
                                condition,
                                2,
                                UntilCheckDetail.HELD,
                                null,
                                Map.of("ready", "healthy"))),
                checks);
    }
}

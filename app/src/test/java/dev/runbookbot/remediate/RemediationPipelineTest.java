package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.TestRunbooks.approvalRequired;
import static dev.runbookbot.remediate.TestRunbooks.automated;
import static dev.runbookbot.remediate.TestRunbooks.escalation;
import static dev.runbookbot.remediate.TestRunbooks.manual;
import static dev.runbookbot.remediate.TestRunbooks.safeForAutomation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.OverrideCount;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ExpectSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.ManualScheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline end to end against the SQLite store on a temp file (real WAL, real locking, real compare-and-set), with
 * fake action executors, the real diagnosis for the recovery check and a manual scheduler. Nothing sleeps.
 */
class RemediationPipelineTest {
    private static final String SECRET = "pg-S3cr3t+++value";

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");
    private final FakeActionExecutor script = new FakeActionExecutor(ActionType.RUN_SCRIPT);
    private final FakeActionExecutor cache = new FakeActionExecutor(ActionType.FLUSH_CACHE);
    private final ScriptedDiagnostics world = new ScriptedDiagnostics();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Verification> verifications = new CopyOnWriteArrayList<>();
    private final List<String> escalated = new CopyOnWriteArrayList<>();
    private final AtomicReference<TemplateContext> inputs =
            new AtomicReference<>(new TemplateContext(Map.of("db", "payments"), Map.of(), Map.of()));

    private final RunbookSpec runbook = TestRunbooks.runbook(List.of(
            automated("kill_idle", ActionType.RUN_SCRIPT, approvalRequired(), new ExpectSpec("^OK$", false)),
            automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired("staging")),
            automated("capture_logs", ActionType.RUN_SCRIPT, safeForAutomation()),
            automated(
                    "terminate_all",
                    ActionType.RUN_SCRIPT,
                    new SafetySpec(true, true, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT)),
            automated(
                    "flush_sessions",
                    ActionType.FLUSH_CACHE,
                    approvalRequired(),
                    new ExpectSpec("OK", false),
                    new ExpectSpec("\\(empty list or set\\)", true)),
            manual("raise_pool"),
            escalation("page_oncall")));

    private SqliteDatabase database;
    private JdbiIncidentStore store;
    private JdbiPromotions promotions;
    private RemediationPipeline pipeline;

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(StoreOptions.at(directory.resolve("runbook-bot.db")), clock);
        store = new JdbiIncidentStore(database, clock);
        promotions = new JdbiPromotions(database, clock);
        Diagnoser diagnoser = RecoveryCheckTest.diagnoser(world, pool, timer, clock);
        RecoveryCheck recovery = new RecoveryCheck(
                diagnoser,
                new CelConditionLanguage(),
                store,
                verifications::add,
                scheduler,
                Duration.ofSeconds(30),
                RemediationPipelineTest::mask,
                clock);
        RemediationContexts contexts = (incident, run) -> runbook.remediation(run.remediationId())
                .map(remediation -> new RemediationContext(runbook, remediation, inputs.get(), Optional.empty()));
        Escalator escalator = (incident, rb, remediation, actor) -> {
            escalated.add(incident.incidentId() + " by " + actor + " to "
                    + rb.escalation().primary());
            return new ActionOutcome.Completed("paged " + rb.escalation().primary());
        };
        pipeline = new RemediationPipeline(
                store,
                ActionExecutors.of(List.of(script, cache)),
                contexts,
                GuardChain.standard(promotions),
                escalator,
                recovery,
                RemediationPipelineTest::mask,
                PipelineSettings.defaults("bot-1"),
                clock);
        guardedBy = guards -> new RemediationPipeline(
                store,
                ActionExecutors.of(List.of(script, cache)),
                contexts,
                guards,
                escalator,
                recovery,
                RemediationPipelineTest::mask,
                PipelineSettings.defaults("bot-1"),
                clock);
    }

    /** A pipeline like {@link #pipeline} with other guards. */
    private java.util.function.Function<GuardChain, RemediationPipeline> guardedBy;

    @AfterEach
    void close() {
        pool.shutdownNow();
        timer.shutdownNow();
        database.close();
    }

    /** The Redactor's job, by literal replacement. */
    private static String mask(String text) {
        return text.replace(SECRET, "<secret:DB_PASSWORD>");
    }

    @Test
    void aRunRefusedByItsPreconditionIsCancelledSoNoLaterClickRunsItOnItsOldApproval() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean holds = new java.util.concurrent.atomic.AtomicBoolean(false);
        Guard precondition = context -> holds.get()
                ? GuardDecision.allow()
                : GuardDecision.refuse(
                        RefusalKind.PRECONDITION_FAILED,
                        "its precondition `diagnostics.pool.value > 90` no longer holds, re-checked just now:"
                                + " diagnostics.pool.value=12.0");
        RemediationPipeline guarded = guardedBy.apply(new GuardChain(List.of(new ApprovalGuard(), precondition)));
        Incident incident = incident("production");
        RemediationRun run = approved(incident, "kill_idle");

        ExecutionResult.Refused first = refused(guarded.execute(run.id(), "U0APPROVER"));
        assertEquals(RefusalKind.PRECONDITION_FAILED, first.kind());
        RemediationRun after = stored(run);
        assertEquals(RunState.CANCELLED, after.state(), "it did not run, and says so in a final state");
        assertEquals(RemediationLifecycle.BOT, after.lastTransition().actor());
        assertTrue(
                after.lastTransition().reason().contains("no longer holds"),
                after.lastTransition().reason());
        assertTrue(
                timeline(incident).stream()
                        .anyMatch(e -> e.startsWith("kill_idle (run-1) cancelled: its precondition")),
                timeline(incident).toString());

        // the condition holds again: the same click, replayed, still cannot run it on the old approval
        holds.set(true);
        ExecutionResult.Refused second = refused(guarded.execute(run.id(), "U0APPROVER"));
        assertEquals(RefusalKind.NOT_ALLOWED, second.kind(), second.reason());
        assertTrue(second.reason().contains("was cancelled"), second.reason());
        assertEquals(List.of(), script.executed, "nothing ran");
        assertEquals(RunState.CANCELLED, stored(run).state());
    }

    // ---- fixtures

    private Incident incident(String environment) {
        return store.open(new NewIncident(
                        "payments 5xx above 5%",
                        runbook.id(),
                        runbook.version(),
                        "payments",
                        Severity.P1,
                        environment,
                        IncidentSource.ALERTMANAGER,
                        Optional.empty(),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.empty()))
                .value();
    }

    private RemediationContext context(String remediationId) {
        return new RemediationContext(
                runbook, runbook.remediation(remediationId).orElseThrow(), inputs.get(), Optional.empty());
    }

    private RemediationRun propose(Incident incident, String remediationId) throws ActionException {
        NewRun request = pipeline.proposal(
                incident.target(), context(remediationId), 1, "U0REQUESTER", "decision: DB pool exhausted");
        return store.propose(request).value();
    }

    private RemediationRun approved(Incident incident, String remediationId) throws ActionException {
        RemediationRun run = propose(incident, remediationId);
        return store.approve(run.id(), "U0APPROVER", "").appliedValue().orElseThrow();
    }

    private RemediationRun stored(RemediationRun run) {
        return store.run(run.id()).orElseThrow();
    }

    private List<String> automationEvents() {
        return database.read(
                h -> h.createQuery("SELECT action || ' ' || status || ' ' || actor FROM automation_event ORDER BY id")
                        .mapTo(String.class)
                        .list());
    }

    private static ExecutionResult.Finished finished(ExecutionResult result) {
        return assertInstanceOf(ExecutionResult.Finished.class, result, result.toString());
    }

    private static ExecutionResult.Refused refused(ExecutionResult result) {
        return assertInstanceOf(ExecutionResult.Refused.class, result, result.toString());
    }

    private List<String> timeline(Incident incident) {
        return store.timeline(incident.id()).stream()
                .map(TimelineEvent::summary)
                .toList();
    }

    // ---- proposing

    @Test
    void aProposalCarriesThePreviewTheRequiredApprovalsAndTheApprovalDeadline() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = propose(incident, "kill_idle");

        assertEquals("fake run_script\nterminate idle connections of payments", run.preview());
        assertEquals(1, run.requiredApprovals());
        assertEquals("run_script", run.action());
        assertEquals(RunState.PROPOSED, run.state());
        assertEquals(Optional.of(clock.instant().plus(SafetySpec.DEFAULT_APPROVAL_TIMEOUT)), run.approvalDeadline());

        assertEquals(0, propose(incident, "capture_logs").requiredApprovals(), "safe for automation");
        assertEquals(1, propose(incident, "terminate_all").requiredApprovals(), "requiresApproval wins over safe");
        assertEquals(0, propose(incident, "raise_pool").requiredApprovals(), "a person does a manual step");
        assertEquals(RunState.APPROVED, propose(incident, "capture_logs").state());
    }

    @Test
    void aDryRunShowsExactlyWhatWouldRunWithSecretsMasked() {
        Incident incident = incident("prod");
        inputs.set(new TemplateContext(Map.of("db", SECRET), Map.of(), Map.of()));

        PreviewResult preview = pipeline.preview(incident.target(), context("kill_idle"), 1);

        ActionPreview rendered =
                assertInstanceOf(PreviewResult.Rendered.class, preview).preview();
        assertEquals("fake run_script", rendered.target());
        assertEquals(List.of("terminate idle connections of <secret:DB_PASSWORD>"), rendered.lines());
        assertEquals(List.of(), script.executed, "a preview never acts");
        assertEquals(
                List.of("1. Raise DB_POOL_MAX_SIZE", "2. Roll it out"),
                assertInstanceOf(
                                PreviewResult.Rendered.class,
                                pipeline.preview(incident.target(), context("raise_pool"), 1))
                        .preview()
                        .lines());
    }

    // ---- executing

    @Test
    void anApprovedRunExecutesAndEverythingIsRecorded() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = approved(incident, "kill_idle");

        ExecutionResult.Finished result = finished(pipeline.execute(run.id(), "U0APPROVER"));

        assertTrue(result.succeeded());
        assertEquals(
                "output matched expected pattern \"^OK$\"", result.verdict().reason());
        assertEquals("OK", result.output());
        assertTrue(result.verificationScheduled());
        assertEquals(RunState.SUCCEEDED, stored(run).state());
        assertEquals(Optional.of(stored(run)), result.run());

        ActionRequest request = script.executed.get(0);
        assertEquals("prod", request.environment());
        assertEquals("INC-1/kill_idle/1", request.idempotencyKey());
        assertEquals(PipelineSettings.DEFAULT_ACTION_TIMEOUT, request.timeout());

        assertEquals(
                List.of("run_script requires_manual U0APPROVER", "run_script succeeded " + RemediationLifecycle.BOT),
                automationEvents());
        assertEquals(List.of(new OverrideCount("run_script", 1, 0, 2)), store.overrideReport());
        List<String> timeline = timeline(incident);
        assertTrue(timeline.contains("U0APPROVER started kill_idle (run-1) on bot-1"), timeline.toString());
        assertTrue(
                timeline.contains("kill_idle (run-1) succeeded: output matched expected pattern \"^OK$\""),
                timeline.toString());

        world.set("check_db", 30);
        world.set("check_pods", 30);
        world.set("check_errors", 30);
        assertEquals(1, scheduler.advance(Duration.ofSeconds(30)));
        assertEquals(1, verifications.size());
        assertEquals(Verification.Verdict.RECOVERED, verifications.get(0).verdict());
    }

    @Test
    void aSafeStepRunsWithoutAPersonAndCountsNoManualWork() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = propose(incident, "capture_logs");

        assertTrue(
                finished(pipeline.execute(run.id(), RemediationLifecycle.BOT)).succeeded());
        assertEquals(List.of("run_script succeeded " + RemediationLifecycle.BOT), automationEvents());
    }

    @Test
    void aRunWithoutApprovalIsRefusedAndNothingRuns() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = propose(incident, "kill_idle");

        ExecutionResult.Refused refused = refused(pipeline.execute(run.id(), "U0SOMEONE"));

        assertEquals(RefusalKind.NOT_ALLOWED, refused.kind());
        assertEquals(
                "kill_idle (run-1) is waiting for approval (0 of 1); it cannot run before it is approved",
                refused.reason());
        assertEquals(List.of(), script.executed);
        assertEquals(RunState.PROPOSED, stored(run).state());
        assertTrue(
                timeline(incident).contains("U0SOMEONE asked to run kill_idle (run-1); refused: " + refused.reason()));
    }

    @Test
    void anExpiredApprovalIsRefusedAndALateApprovalToo() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = propose(incident, "kill_idle");
        clock.advance(SafetySpec.DEFAULT_APPROVAL_TIMEOUT);

        ExecutionResult.Refused refused = refused(pipeline.execute(run.id(), "U0APPROVER"));
        assertEquals(RefusalKind.EXPIRED, refused.kind());
        assertEquals(
                "kill_idle (run-1): its approval window closed at 2025-03-01T03:02:00Z with 0 of 1 approvals; it"
                        + " cannot run; propose it again",
                refused.reason());

        TransitionResult<RemediationRun> late = store.approve(run.id(), "U0APPROVER", "");
        assertEquals(
                Optional.of(RefusalKind.EXPIRED),
                late instanceof TransitionResult.Refused<RemediationRun> r ? Optional.of(r.kind()) : Optional.empty());
        assertEquals(RunState.EXPIRED, stored(run).state(), "the store records the expiry");
        assertEquals(
                RefusalKind.EXPIRED,
                refused(pipeline.execute(run.id(), "U0APPROVER")).kind());
        assertEquals(List.of(), script.executed);
    }

    @Test
    void aScopedActionIsRefusedOutsideItsEnvironmentsUntilPromoted() throws ActionException {
        Incident prod = incident("prod");
        RemediationRun run = approved(prod, "clear-cache");

        ExecutionResult.Refused refused = refused(pipeline.execute(run.id(), "U0APPROVER"));
        assertEquals(
                "remediation clear-cache may run in [staging]; this incident is in prod. Promote it with: runbookctl"
                        + " promote --action clear-cache --env prod --evidence-url URL",
                refused.reason());
        assertEquals(List.of(), cache.executed);
        assertEquals(RunState.APPROVED, stored(run).state(), "a refusal changes nothing");

        promotions.promote("clear-cache", "PROD", "U0LEAD", "https://reports.internal/cache-validation");
        assertTrue(finished(pipeline.execute(run.id(), "U0APPROVER")).succeeded());
        assertEquals(1, cache.executed.size());
    }

    @Test
    void aScopedActionRunsInItsOwnEnvironment() throws ActionException {
        Incident staging = incident("Staging");
        RemediationRun run = approved(staging, "clear-cache");
        assertTrue(finished(pipeline.execute(run.id(), "U0APPROVER")).succeeded());
    }

    @Test
    void aSecondRemediationForTheSameServiceAndEnvironmentIsRefusedWhileOneRuns() throws Exception {
        RemediationRun first = approved(incident("prod"), "kill_idle");
        RemediationRun second = approved(incident("prod"), "kill_idle");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        script.answer(request -> {
            inside.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    return new ActionOutcome.Failed("the test never released the action", "");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ActionOutcome.Completed("OK");
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<ExecutionResult> running = threads.submit(() -> pipeline.execute(first.id(), "U0APPROVER"));
            assertTrue(inside.await(30, TimeUnit.SECONDS), "the first run never started its action");

            Future<ExecutionResult> competing = threads.submit(() -> pipeline.execute(second.id(), "U0APPROVER"));
            ExecutionResult.Refused busy = refused(competing.get(30, TimeUnit.SECONDS));
            assertEquals(RefusalKind.TARGET_BUSY, busy.kind());
            assertEquals(
                    "kill_idle (run-1) is running for payments in prod since 2025-03-01T03:00:00Z; one remediation at"
                            + " a time per service and environment",
                    busy.reason());

            Future<ExecutionResult> doubleClick = threads.submit(() -> pipeline.execute(first.id(), "U0APPROVER"));
            assertEquals(
                    RefusalKind.ALREADY_DONE,
                    refused(doubleClick.get(30, TimeUnit.SECONDS)).kind());

            release.countDown();
            assertTrue(finished(running.get(30, TimeUnit.SECONDS)).succeeded());
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertEquals(1, script.executed.size());
        assertEquals(RunState.APPROVED, stored(second).state());
        assertTrue(finished(pipeline.execute(second.id(), "U0APPROVER")).succeeded(), "free again afterwards");
    }

    @Test
    void expectedOutputPatternsDecideSuccessAndFailure() throws ActionException {
        Incident incident = incident("prod");
        script.answer(request -> new ActionOutcome.Completed("ERROR: permission denied"));
        RemediationRun run = approved(incident, "kill_idle");

        ExecutionResult.Finished failed = finished(pipeline.execute(run.id(), "U0APPROVER"));

        assertFalse(failed.succeeded());
        assertEquals(
                "output matched none of the expected patterns \"^OK$\"; output: \"ERROR: permission denied\"",
                failed.verdict().reason());
        assertEquals(RunState.FAILED, stored(run).state());
        assertFalse(failed.verificationScheduled(), "only a success is verified");
        assertEquals(0, scheduler.pending());
    }

    @Test
    void anAllowFailureMatchIsToleratedNotCalledASuccess() throws ActionException {
        Incident incident = incident("prod");
        cache.answer(request -> new ActionOutcome.Completed("(empty list or set)\n0 keys deleted"));
        RemediationRun run = approved(incident, "flush_sessions");

        ExecutionResult.Finished result = finished(pipeline.execute(run.id(), "U0APPROVER"));

        assertEquals(
                ExpectationResult.Verdict.ACCEPTED_FAILURE, result.verdict().verdict());
        assertFalse(result.succeeded());
        assertTrue(
                result.verdict().reason().startsWith("tolerated (allow_failure): "),
                result.verdict().reason());
        assertEquals(RunState.SUCCEEDED, stored(run).state(), "a tolerated outcome does not fail the run");
        assertTrue(stored(run).lastTransition().reason().startsWith("tolerated (allow_failure): "));
    }

    @Test
    void aFailedActionAndAThrowingExecutorBothFinishTheRun() throws ActionException {
        Incident incident = incident("prod");
        script.answer(request -> new ActionOutcome.Failed("psql: connection refused", ""));
        RemediationRun first = approved(incident, "kill_idle");
        ExecutionResult.Finished failed = finished(pipeline.execute(first.id(), "U0APPROVER"));
        assertEquals("psql: connection refused", failed.verdict().reason());
        assertEquals(RunState.FAILED, stored(first).state());

        script.answer(request -> {
            throw new IllegalStateException("bug in the executor");
        });
        RemediationRun second = approved(incident("prod"), "kill_idle");
        ExecutionResult.Finished crashed = finished(pipeline.execute(second.id(), "U0APPROVER"));
        assertEquals(
                "the run_script executor failed unexpectedly: java.lang.IllegalStateException: bug in the executor",
                crashed.verdict().reason());
        assertEquals(RunState.FAILED, stored(second).state(), "never left running");
    }

    @Test
    void changedInputsAfterApprovalAreRefused() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = approved(incident, "kill_idle");
        inputs.set(new TemplateContext(Map.of("db", "billing"), Map.of(), Map.of()));

        ExecutionResult.Refused refused = refused(pipeline.execute(run.id(), "U0APPROVER"));

        assertEquals(
                "what kill_idle (run-1) would run now differs from what was approved (the runbook, its inputs or the"
                        + " target's configuration changed); propose it again so the approvers see the action as it"
                        + " will run",
                refused.reason());
        assertEquals(List.of(), script.executed);
    }

    @Test
    void aSecretInTheOutputNeverReachesTheDatabase() throws ActionException, IOException {
        Incident incident = incident("prod");
        script.answer(request -> new ActionOutcome.Failed(
                "psql: password " + SECRET + " rejected",
                "connecting with PGPASSWORD=" + SECRET + "\nFATAL: password authentication failed"));
        RemediationRun run = approved(incident, "kill_idle");

        ExecutionResult.Finished result = finished(pipeline.execute(run.id(), "U0APPROVER"));

        assertEquals(
                "connecting with PGPASSWORD=<secret:DB_PASSWORD>\nFATAL: password authentication failed",
                result.output());
        assertEquals(
                "psql: password <secret:DB_PASSWORD> rejected", result.verdict().reason());
        assertFalse(result.toString().contains(SECRET));
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(directory)) {
            listing.forEach(files::add);
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith("-wal")), files.toString());
        for (Path file : files) {
            assertFalse(contains(Files.readAllBytes(file), secret), "plaintext secret in " + file);
        }
        assertTrue(
                store.timeline(incident.id()).stream().anyMatch(e -> e.detail().contains("<secret:DB_PASSWORD>")),
                "the masked output is what was stored");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void longOutputIsCappedAfterMasking() throws ActionException {
        Incident incident = incident("prod");
        String tail = SECRET + " at the end";
        int cap = PipelineSettings.DEFAULT_OUTPUT_CAP;
        script.answer(request -> new ActionOutcome.Completed("OK\n" + "x".repeat(cap) + tail));
        RemediationRun run = approved(incident, "kill_idle");

        ExecutionResult.Finished result = finished(pipeline.execute(run.id(), "U0APPROVER"));

        assertTrue(result.output().endsWith("\n[cut: " + (3 + cap + mask(tail).length() - cap) + " more characters]"));
        assertEquals(cap, result.output().indexOf("\n[cut: "));
        assertFalse(result.output().contains(SECRET));
    }

    @Test
    void aManualStepIsMarkedDoneByThePersonWhoDidIt() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = propose(incident, "raise_pool");

        ExecutionResult.Refused notForTheBot = refused(pipeline.execute(run.id(), "U0APPROVER"));
        assertEquals(
                "raise_pool (run-1) is a manual remediation: follow its instructions, then mark it done",
                notForTheBot.reason());

        ExecutionResult.Finished done = finished(pipeline.markDone(run.id(), "U0OPERATOR"));
        assertTrue(done.succeeded());
        assertTrue(done.verificationScheduled());
        RemediationRun stored = stored(run);
        assertEquals(RunState.SUCCEEDED, stored.state());
        assertEquals("U0OPERATOR", stored.lastTransition().actor());
        assertEquals("done by hand by U0OPERATOR", stored.lastTransition().reason());
        assertEquals(List.of("manual succeeded U0OPERATOR", "manual requires_manual U0OPERATOR"), automationEvents());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(pipeline.markDone(run.id(), "U0OPERATOR")).kind());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(pipeline.markDone(approved(incident, "kill_idle").id(), "U0OPERATOR"))
                        .kind());
    }

    @Test
    void aRejectionIsRecordedOnceAsAnOverride() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = propose(incident, "kill_idle");

        assertTrue(pipeline.reject(run.id(), "U0LEAD", "not during the payment batch")
                .isApplied());

        assertEquals(List.of("run_script overridden U0LEAD"), automationEvents());
        ExecutionResult.Refused refused = refused(pipeline.execute(run.id(), "U0APPROVER"));
        assertTrue(refused.reason().startsWith("kill_idle (run-1) was rejected by U0LEAD"), refused.reason());
    }

    @Test
    void anEscalationGoesThroughTheEscalator() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = propose(incident, "page_oncall");
        assertEquals(RunState.APPROVED, run.state(), "paging people needs no approval unless the runbook says so");
        assertTrue(run.preview().endsWith("\ndoes not wait for an approval"), run.preview());

        ExecutionResult.Finished result = finished(pipeline.execute(run.id(), RemediationLifecycle.BOT));

        assertTrue(result.succeeded());
        assertEquals("paged #payments-oncall", result.output());
        assertEquals(List.of("INC-1 by runbook-bot to #payments-oncall"), escalated);
        assertFalse(result.verificationScheduled());
        assertEquals(RunState.SUCCEEDED, stored(run).state());
    }

    @Test
    void aRunWhoseRunbookVersionIsGoneIsRefused() throws ActionException {
        Incident incident = incident("prod");
        RemediationRun run = approved(incident, "kill_idle");
        RemediationPipeline forgetful = new RemediationPipeline(
                store,
                ActionExecutors.of(List.of(script)),
                (i, r) -> Optional.empty(),
                GuardChain.standard(promotions),
                (i, rb, r, a) -> new ActionOutcome.Completed(""),
                new RecoveryCheck(
                        RecoveryCheckTest.diagnoser(world, pool, timer, clock),
                        new CelConditionLanguage(),
                        store,
                        VerificationListener.NONE,
                        scheduler,
                        Duration.ZERO,
                        text -> text,
                        clock),
                text -> text,
                PipelineSettings.defaults("bot-1"),
                clock);

        ExecutionResult.Refused refused = refused(forgetful.execute(run.id(), "U0APPROVER"));

        assertEquals(RefusalKind.NOT_FOUND, refused.kind());
        assertEquals(
                "runbook payments-slow version sha256:test or the inputs of INC-1 are no longer known, so kill_idle"
                        + " (run-1) cannot run as it was approved; propose it again",
                refused.reason());
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(pipeline.execute(new dev.runbookbot.audit.RunId(99), "U0APPROVER"))
                        .kind());
    }
}

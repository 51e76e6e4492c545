package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.HandOffRefusedDetail;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
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

/**
 * A plan that hands off: the incident continues under the next runbook in the same thread, with the parameters the
 * hand-off gives, the hand-off on the timeline, and the next runbook's remediations approved as it says. A chain that
 * would not end is cut by the depth bound, and a hand-off whose parameters do not bind leaves the incident where it was.
 * A plan that suppresses ends the incident with its reason.
 */
class IncidentHandOffTest {
    private static final String ERROR_BURN = """
            id: error-burn
            name: Error budget burn
            description: the API burns its error budget
            severity: P1
            service: api
            parameters:
              - {name: database, default: orders}
            triggers: [{type: manual}]
            diagnostics:
              - id: db
                name: Database errors
                description: errors from the database
                type: shell_command
                config: {argv: [echo, db]}
                interpret:
                  critical: "value >= 90.0"
                  healthy: "value < 90.0"
            decisionTree:
              - condition: "diagnostics.db.status == 'critical'"
                then: [to_db]
                description: The database is the cause
            remediations:
              - id: to_db
                name: Hand off to the database runbook
                description: the database runbook takes over
                type: handoff
                runbook: db-pool
                with:
                  db: "{{ params.database }}-primary"
            escalation: {primary: "#inc-api"}
            """;

    private static final String DB_POOL = """
            id: db-pool
            name: Database pool exhausted
            description: a database runs out of connections
            severity: P1
            service: postgres
            parameters:
              - {name: db, required: true}
            triggers: [{type: manual}]
            diagnostics:
              - id: pool
                name: Pool
                description: pool usage
                type: shell_command
                config: {argv: [echo, "{{ params.db }}"]}
                interpret:
                  critical: "value >= 90.0"
                  healthy: "value < 90.0"
            decisionTree:
              - condition: "diagnostics.pool.status == 'critical'"
                then: [kill_idle]
                description: The pool is full
            remediations:
              - id: kill_idle
                name: Kill idle connections
                description: terminate idle connections
                type: automated
                action: {type: restart_service, config: {deployment: pgbouncer, namespace: db}}
            escalation: {primary: "#inc-db"}
            """;

    private static final Actor REQUESTER = new Actor("U-REQUESTER", "T1");

    private final ManualClock clock = ManualClock.at("2026-12-05T10:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final MemoryIncidentInputs inputs = new MemoryIncidentInputs();
    private final List<String> probed = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void theNextRunbookRunsInTheSameIncidentAndThreadWithTheGivenParameters() {
        IncidentService service = service(ERROR_BURN, DB_POOL);

        Incident opened = started(service.start(manual("error-burn")));

        Incident incident = store.incident(opened.id()).orElseThrow();
        assertEquals("db-pool", incident.runbookId(), "the incident continues under the next runbook");
        assertEquals(IncidentState.AWAITING_APPROVAL, incident.state());
        assertEquals(opened.thread(), incident.thread(), "the same thread");
        assertEquals(
                List.of("db {database=orders}", "pool {db=orders-primary}"),
                probed,
                "the next runbook's step ran with the rendered parameter");
        assertEquals(
                "orders-primary",
                inputs.load(opened.id()).orElseThrow().params().get("db"));
        List<String> calls = chat.calls();
        assertTrue(
                calls.contains("note " + opened.id() + " Handed off to runbook db-pool (Database pool exhausted) with"
                        + " db=orders-primary: Hand off to the database runbook, chosen by 'The database is the cause'."
                        + " Its diagnostics run now, in this thread."),
                calls.toString());
        assertTrue(calls.contains("showPlan " + opened.id() + " critical [to_db]"), calls.toString());
        assertTrue(calls.contains("showPlan " + opened.id() + " critical [kill_idle]"), calls.toString());
        assertEquals(
                List.of("kill_idle"),
                store.runs(opened.id()).stream()
                        .map(RemediationRun::remediationId)
                        .toList(),
                "the hand-off itself is no run; the next runbook's remediation is proposed");
        assertEquals(RunState.PROPOSED, store.runs(opened.id()).get(0).state(), "approved like any other");
        TimelineEvent handOff = store.timeline(opened.id()).stream()
                .filter(e -> e.summary().startsWith("handed off"))
                .findFirst()
                .orElseThrow();
        assertEquals(TimelineKind.DECISION, handOff.kind());
        assertEquals(
                "handed off from runbook error-burn to db-pool: to_db, chosen by 'The database is the cause'",
                handOff.summary());
        assertTrue(handOff.detail().contains("\"params\":\"db=orders-primary\""), handOff.detail());
    }

    @Test
    void withReadsTheFactsOfTheStepsThatLedToTheHandOff() {
        IncidentService service = service(
                ERROR_BURN.replace(
                        "db: \"{{ params.database }}-primary\"",
                        "db: \"{{ diagnostics.db.status }}-{{ printf \\\"%.0f\\\" diagnostics.db.value }}\""),
                DB_POOL);

        Incident opened = started(service.start(manual("error-burn")));

        assertEquals("db-pool", store.incident(opened.id()).orElseThrow().runbookId());
        assertEquals(List.of("db {database=orders}", "pool {db=critical-95}"), probed);
        assertEquals(
                "critical-95", inputs.load(opened.id()).orElseThrow().params().get("db"));
    }

    @Test
    void aChainThatWouldNotEndIsCutByTheDepthBound() {
        // Lint refuses this catalog (a cycle); the bot still must not loop if it ever meets one.
        String ping = ERROR_BURN
                .replace("id: error-burn", "id: ping")
                .replace("runbook: db-pool", "runbook: pong")
                .replace("db: \"{{ params.database }}-primary\"", "database: \"{{ params.database }}\"");
        String pong = ping.replace("id: ping", "id: pong").replace("runbook: pong", "runbook: ping");
        IncidentService service = service(ping, pong);

        Incident opened = started(service.start(manual("ping")));

        assertEquals(RunbookHandOff.MAX_HAND_OFFS + 1, probed.size(), "the first run and five hand-offs");
        assertTrue(
                chat.calls()
                        .contains("note " + opened.id() + " Not handed off to runbook ping: 5 hand-offs in a row"
                                + " already (a cycle between runbooks?); run lint on the catalog."),
                chat.calls().toString());
        assertEquals("pong", store.incident(opened.id()).orElseThrow().runbookId());
        assertEquals(
                IncidentState.OPEN, store.incident(opened.id()).orElseThrow().state());
    }

    @Test
    void aHandOffWhoseParametersDoNotBindLeavesTheIncidentWhereItWas() {
        IncidentService service =
                service(ERROR_BURN.replace("db: \"{{ params.database }}-primary\"", "dbx: x"), DB_POOL);

        Incident opened = started(service.start(manual("error-burn")));

        Incident incident = store.incident(opened.id()).orElseThrow();
        assertEquals("error-burn", incident.runbookId());
        assertEquals(IncidentState.OPEN, incident.state());
        assertEquals(List.of("db {database=orders}"), probed);
        assertTrue(
                store.timeline(opened.id()).stream().anyMatch(e -> e.summary()
                        .equals("not handed off to runbook db-pool: runbook 'db-pool' has no parameter 'dbx';"
                                + " did you mean 'db'?; parameter 'db' is required")),
                store.timeline(opened.id()).toString());
    }

    @Test
    void aRefusedHandOffIsATimelineEventWithTypedDetails() {
        IncidentService service =
                service(ERROR_BURN.replace("db: \"{{ params.database }}-primary\"", "dbx: x"), DB_POOL);

        Incident opened = started(service.start(manual("error-burn")));

        assertEquals(
                List.of(new HandOffRefusedDetail(
                        "error-burn",
                        "db-pool",
                        "runbook 'db-pool' has no parameter 'dbx'; did you mean 'db'?; parameter 'db' is required")),
                store.timeline(opened.id()).stream()
                        .filter(e -> e.summary().startsWith("not handed off"))
                        .flatMap(e -> TimelineDetails.read(e.detail(), HandOffRefusedDetail.class).stream())
                        .toList());
    }

    @Test
    void aSuppressionResolvesTheIncidentWithItsReasonAndProposesNothing() {
        String expected = ERROR_BURN.replace(
                "type: handoff\n    runbook: db-pool\n    with:\n      db: \"{{ params.database }}-primary\"\n",
                "type: suppress\n    reason: \"{{ params.database }} is being restored from backup\"\n");
        IncidentService service = service(expected);

        Incident opened = started(service.start(manual("error-burn")));

        Incident incident = store.incident(opened.id()).orElseThrow();
        assertEquals(IncidentState.RESOLVED, incident.state());
        assertEquals(List.of(), store.runs(opened.id()), "nothing is proposed");
        assertTrue(
                chat.calls()
                        .contains(
                                "note " + opened.id() + " Suppressed: this alert is expected. orders is being restored"
                                        + " from backup (Hand off to the database runbook, chosen by 'The database is the"
                                        + " cause'). The incident is resolved."),
                chat.calls().toString());
        TimelineEvent suppressed = store.timeline(opened.id()).stream()
                .filter(e -> e.summary().startsWith("suppressed"))
                .findFirst()
                .orElseThrow();
        assertEquals(TimelineKind.DECISION, suppressed.kind());
        assertEquals(
                "suppressed, this alert is expected: orders is being restored from backup (to_db, chosen by 'The"
                        + " database is the cause')",
                suppressed.summary());
        assertTrue(
                store.timeline(opened.id()).stream()
                        .anyMatch(e -> e.kind() == TimelineKind.STATE
                                && e.summary()
                                        .endsWith("resolved: suppressed, this alert is expected: orders is being"
                                                + " restored from backup")),
                store.timeline(opened.id()).toString());
    }

    private static Incident started(StartResult result) {
        return assertInstanceOf(StartResult.Started.class, result).incident();
    }

    private static RunRequest manual(String runbookId) {
        return RunRequest.manual(
                runbookId, Map.of(), Optional.empty(), REQUESTER, IncidentSource.SLASH_COMMAND, "#inc-api");
    }

    private IncidentService service(String... runbooks) {
        List<RunbookSpec> specs = new ArrayList<>();
        for (String yaml : runbooks) {
            specs.add(new RunbookLoader()
                    .parse(Path.of("r.yaml"), yaml.getBytes(StandardCharsets.UTF_8))
                    .spec()
                    .orElseThrow());
        }
        DiagnosticExecutors executors = DiagnosticExecutors.of(List.of(new ValueProbe(request -> {
            // records the step and the parameters it ran with, and reads critical
            probed.add(request.spec().id() + " " + request.context().params());
            return Outcome.observed(Map.of("value", 95.0), "95", List.of());
        })));
        CelConditionLanguage cel = new CelConditionLanguage();
        ParallelRunner runner =
                new ParallelRunner(executors, new ConditionStepInterpreter(cel, executors), pool, timer, clock);
        Diagnoser diagnoser = new Diagnoser(runner, new DecisionEngine(clock), cel, Duration.ofSeconds(30), clock);
        return new IncidentService(
                Catalog.of(specs),
                store,
                diagnoser,
                chat,
                new ApprovalPolicy(List.of(), "T1", ApproverDirectory.none()),
                new PreviewOnly(),
                inputs,
                Runnable::run,
                clock,
                "prod");
    }

    /** Previews only: nothing in these tests is approved. */
    private static final class PreviewOnly implements Remediator {
        @Override
        public String preview(
                Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
            return remediation.id();
        }

        @Override
        public String execute(RunContext context, Actor actor) {
            throw new AssertionError("nothing is approved in these tests");
        }

        @Override
        public String markDone(RunContext context, Actor actor) {
            throw new AssertionError("nothing is done in these tests");
        }
    }
}

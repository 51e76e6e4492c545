package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.cli.DiagnosisSession;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.lint.LintReport;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recorded scenarios in {@code runbooks/fixtures/} run offline through the same wiring as
 * {@code runbookctl simulate --fixture} (recorded executors with the live executors' facts, CEL, the real decision
 * engine). Each fixture records every step of exactly one shipped runbook and leads to the plan its header promises;
 * together they drive every decision of every shipped runbook.
 */
class ShippedFixturesTest {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));
    private static final Path FIXTURES = RUNBOOKS.resolve("fixtures");

    /** What each scenario must come to: the overall severity, and the remediations proposed in order. */
    private record Expected(String severity, List<String> remediations) {}

    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("payments-healthy.yaml", new Expected("healthy", List.of())),
            Map.entry(
                    "payments-db-exhausted.yaml",
                    new Expected("critical", List.of("kill_idle_connections", "scale_db_connections"))),
            Map.entry("payments-recent-deploy.yaml", new Expected("critical", List.of("rollback_deployment"))),
            Map.entry(
                    "payments-pods-not-ready.yaml",
                    new Expected("critical", List.of("restart_pods", "escalate_infra"))),
            Map.entry(
                    "payments-downstream-down.yaml",
                    new Expected("critical", List.of("enable_circuit_breaker", "notify_downstream"))),
            Map.entry(
                    "payments-error-rate.yaml",
                    new Expected("critical", List.of("capture_error_samples", "escalate_oncall"))),
            Map.entry("bad-deploy-rollback.yaml", new Expected("critical", List.of("rollback_deployment"))),
            Map.entry("bad-deploy-no-replicas.yaml", new Expected("critical", List.of("escalate_oncall"))),
            Map.entry("bad-deploy-oom-old-revision.yaml", new Expected("critical", List.of("escalate_oncall"))),
            Map.entry(
                    "db-connections-exhausted-idle-leak.yaml",
                    new Expected("critical", List.of("kill_idle_connections"))),
            Map.entry(
                    "db-connections-exhausted-busy.yaml",
                    new Expected("critical", List.of("notify_owners", "raise_capacity", "escalate_oncall"))),
            Map.entry(
                    "downstream-down-down.yaml",
                    new Expected("critical", List.of("enable_circuit_breaker", "notify_owners", "escalate_oncall"))),
            Map.entry("downstream-down-slow.yaml", new Expected("warning", List.of("notify_owners"))),
            Map.entry("downstream-down-fine-from-here.yaml", new Expected("healthy", List.of("check_callers_path"))),
            Map.entry(
                    "oom-kills-repeated.yaml",
                    new Expected("critical", List.of("raise_memory_limit", "escalate_owner"))),
            Map.entry("oom-kills-spike.yaml", new Expected("warning", List.of("watch_memory"))),
            Map.entry("oom-kills-node-pressure.yaml", new Expected("critical", List.of("relieve_node"))),
            Map.entry("oom-kills-pod-gone.yaml", new Expected("warning", List.of("watch_memory"))),
            Map.entry(
                    "tls-cert-expiry-renew.yaml",
                    new Expected("critical", List.of("renew_certificate", "fix_issuer", "escalate_oncall"))),
            Map.entry("tls-cert-expiry-rate-limited.yaml", new Expected("warning", List.of("escalate_oncall"))));

    private static final CommandLineDiagnosis SETUP = new CommandLineDiagnosis(Map.of(), Clock.systemUTC());

    private static final List<RunbookSpec> SHIPPED = shipped();

    private static List<RunbookSpec> shipped() {
        try (DiagnosisSession session = SETUP.live(Optional.empty())) {
            LintReport report = session.linter().lint(new RunbookLoader().loadAll(List.of(RUNBOOKS)));
            assertFalse(report.hasErrors(), () -> "the shipped runbooks must lint clean: " + report.errors());
            return report.usable();
        }
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The shipped runbooks that have recorded scenarios in {@code runbooks/fixtures/}; every shipped runbook's
     * decisions are also driven by its tests in {@code runbooks/tests/} ({@code ShippedRunbookTestsTest}).
     */
    static List<String> runbookIds() {
        return List.of(
                "bad-deploy",
                "db-connections-exhausted",
                "downstream-down",
                "oom-kills",
                "payments-slow",
                "tls-cert-expiry");
    }

    /** The one shipped runbook whose steps are exactly the steps the fixture records. */
    private static RunbookSpec runbookOf(Path fixture, Set<String> recordedSteps) {
        List<RunbookSpec> owners = SHIPPED.stream()
                .filter(r -> r.diagnostics().stream()
                        .map(DiagnosticSpec::id)
                        .collect(Collectors.toSet())
                        .equals(recordedSteps))
                .toList();
        assertEquals(
                1,
                owners.size(),
                () -> fixture + " records steps " + new TreeSet<>(recordedSteps)
                        + "; it must record every step of exactly one shipped runbook, matched "
                        + owners.stream().map(RunbookSpec::id).toList());
        return owners.get(0);
    }

    /** A value for every required parameter without a default, as a responder would type it. */
    private static TemplateContext inputs(RunbookSpec runbook) {
        Map<String, String> given = new HashMap<>();
        for (ParameterSpec parameter : runbook.parameters()) {
            if (parameter.required() && parameter.defaultValue().isEmpty()) {
                given.put(
                        parameter.name(),
                        switch (parameter.type()) {
                            case INT -> "5";
                            case NUMBER -> "1.5";
                            case BOOL -> "true";
                            case DURATION -> "5m";
                            case STRING -> "example-" + parameter.name();
                        });
            }
        }
        try {
            return ParameterBinder.bind(runbook, given, Map.of(), Map.of());
        } catch (ParameterException e) {
            throw new AssertionError(runbook.id() + ": " + e.getMessage(), e);
        }
    }

    /** The fixture's runbook and what simulating it gives. */
    private record Simulated(RunbookSpec runbook, DiagnosisReport report) {}

    /** Simulations by fixture: each runs once, however many tests read it. */
    private static final Map<Path, Simulated> SIMULATED = new ConcurrentHashMap<>();

    private static Simulated simulate(Path fixture) {
        return SIMULATED.computeIfAbsent(fixture, ShippedFixturesTest::simulateOnce);
    }

    private static Simulated simulateOnce(Path fixture) {
        try (DiagnosisSession session = SETUP.recorded(Optional.empty(), fixture)) {
            RunbookSpec runbook = runbookOf(fixture, session.recordedSteps().orElseThrow());
            return new Simulated(runbook, session.diagnoser().diagnose(runbook, inputs(runbook), RunListener.NONE));
        }
    }

    @Test
    void everyFixtureHasItsExpectedOutcomeWrittenDown() throws IOException {
        assertEquals(
                new TreeSet<>(EXPECTED.keySet()),
                fixtures().stream()
                        .map(f -> f.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureFitsItsRunbookAndLeadsToItsPlan(Path fixture) throws Exception {
        Simulated simulated = simulate(fixture);
        for (DiagnosticResult result : simulated.report().results()) {
            assertFalse(
                    result.failure().filter(k -> k == FailureKind.CONFIGURATION).isPresent(),
                    () -> fixture.getFileName() + ": step " + result.stepId() + " does not fit: " + result.reason());
        }
        Expected expected = EXPECTED.get(fixture.getFileName().toString());
        assertEquals(
                expected.remediations(),
                simulated.report().plan().remediations().stream()
                        .map(p -> p.remediation().id())
                        .toList(),
                () -> fixture.getFileName() + " plan; timeline: "
                        + simulated.report().plan().timeline());
        assertEquals(expected.severity(), simulated.report().plan().severity().label());
        assertTrue(
                simulated.report().plan().unmatched().stream().noneMatch(u -> u.evaluationFailed()),
                () -> fixture.getFileName() + ": a decision could not be evaluated: "
                        + simulated.report().plan().unmatched());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runbookIds")
    void theFixturesDriveEveryDecisionOfTheRunbook(String runbookId) throws Exception {
        RunbookSpec runbook = SHIPPED.stream()
                .filter(r -> r.id().equals(runbookId))
                .findFirst()
                .orElseThrow();
        Set<Integer> driven = new TreeSet<>();
        int fixturesOfRunbook = 0;
        for (Path fixture : fixtures()) {
            Simulated simulated = simulate(fixture);
            if (!simulated.runbook().id().equals(runbookId)) {
                continue;
            }
            fixturesOfRunbook++;
            simulated.report().plan().matched().stream()
                    .map(MatchedDecision::index)
                    .forEach(driven::add);
        }
        assertTrue(fixturesOfRunbook > 0, () -> "no fixture in " + FIXTURES + " records runbook " + runbookId);
        Set<Integer> all = new TreeSet<>();
        for (int i = 0; i < runbook.decisionTree().size(); i++) {
            all.add(i);
        }
        assertEquals(all, driven, () -> "decisions (0-based) of " + runbookId + " that some fixture drives");
    }

    @Test
    void theNodeCheckWaitsForThePodsNodeAndIsSkippedWhenThereIsNone() {
        Map<String, DiagnosticResult> pressure = byStep(simulate(FIXTURES.resolve("oom-kills-node-pressure.yaml")));
        assertEquals("critical", pressure.get("node_memory_pressure").status().label());
        assertFalse(pressure.get("node_memory_pressure")
                .startedAt()
                .isBefore(pressure.get("pod_node").startedAt()));

        Simulated gone = simulate(FIXTURES.resolve("oom-kills-pod-gone.yaml"));
        DiagnosticResult skipped = byStep(gone).get("node_memory_pressure");
        assertEquals("skipped", skipped.status().label());
        assertEquals("skipped: `when` is false: diagnostics.pod_node.status == 'healthy'", skipped.reason());
        assertTrue(
                gone.report().plan().timeline().stream()
                        .anyMatch(e -> e.event().equals("node_memory_pressure waited for pod_node")),
                () -> gone.report().plan().timeline().toString());
    }

    private static Map<String, DiagnosticResult> byStep(Simulated simulated) {
        return simulated.report().results().stream().collect(Collectors.toMap(DiagnosticResult::stepId, r -> r));
    }

    @Test
    void theDbExhaustedScenarioNamesTheDecisionAndProposesInOrder() throws Exception {
        Simulated simulated = simulate(FIXTURES.resolve("payments-db-exhausted.yaml"));
        DiagnosisReport report = simulated.report();
        assertEquals("payments-slow", simulated.runbook().id());
        assertEquals(
                List.of("DB connection pool exhausted — kill idle connections and increase pool size"),
                report.plan().matched().stream().map(MatchedDecision::label).toList());
        DiagnosticResult db = report.results().stream()
                .filter(r -> r.stepId().equals("check_db_connections"))
                .findFirst()
                .orElseThrow();
        assertEquals("critical", db.status().label());
        assertEquals("`value >= 90.0` held with value=95", db.reason());
        for (PlannedRemediation planned : report.plan().remediations()) {
            assertEquals(
                    "DB connection pool exhausted — kill idle connections and increase pool size", planned.chosenBy());
        }
    }
}

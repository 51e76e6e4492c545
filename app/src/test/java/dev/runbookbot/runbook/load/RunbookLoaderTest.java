package dev.runbookbot.runbook.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.ParameterType;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLoaderTest {
    private static final Path FILE = Path.of("r.yaml");

    /** Every key of the format, each with a non-default value. */
    static final String FULL = """
            id: full
            name: Full
            description: Every key
            severity: P2
            service: payment-service
            tags: [payments, latency]
            aliases: [everything]
            body: |
              # Markdown
            parameters:
              - name: namespace
                type: string
                default: production
                required: true
                fromLabel: namespace
                description: Where
              - name: replicas
                type: int
                default: 3
            triggers:
              - type: alert
                alertName: PaymentsSlow
                matchers: { team: payments, env: prod }
                pagerdutyService: PXYZ123
              - type: metric_threshold
                metricQuery: 'sum(up)'
                threshold: 0.5
                operator: "<"
            diagnostics:
              - id: check
                name: Check
                description: A check
                type: prometheus_query
                config:
                  query: 'up{namespace="{{ params.namespace }}"}'
                  step: 30
                  nested: { list: [1, 2.5, true, text] }
                timeout: 1m30s
                interpret:
                  critical: "value == 0.0"
                  warning: "value < 1.0"
                  healthy: "value == 1.0"
            decisionTree:
              - condition: "diagnostics.check.status == 'critical'"
                then: [restart, tell]
                description: Down
            remediations:
              - id: restart
                name: Restart
                description: Restart it
                type: automated
                action:
                  type: restart_service
                  config: { deployment: payment-service }
                requiresApproval: true
                safety:
                  safe: true
                  scopes: [staging, dev]
                  approvalTimeout: 2m
                expect:
                  - pattern: OK
                  - pattern: "(empty list or set)"
                    allow_failure: true
              - id: tell
                name: Tell
                description: Tell people
                type: manual
                instructions: Call the owners.
            escalation:
              primary: "#incidents"
              secondary: "#sre"
              escalateAfterMinutes: 15
            approval:
              approvers: [U012AB3CD, S0614TZR7]
              required: 2
            """;

    /** The smallest runbook the loader accepts without a problem. */
    static final String MINIMAL = """
            id: minimal
            name: Minimal
            description: Only what is required
            severity: P4
            service: example
            triggers: []
            diagnostics:
              - id: check
                name: Check
                description: A check
                type: http_check
                config: { urls: [{ name: home, url: "http://127.0.0.1/" }] }
                interpret: { healthy: all_healthy }
            decisionTree: []
            remediations:
              - id: fix
                name: Fix
                description: Fix it
                type: automated
                action: { type: notify }
            escalation:
              primary: "#incidents"
            """;

    private final RunbookLoader loader = new RunbookLoader();

    private LoadedRunbook load(String yaml) {
        return loader.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8));
    }

    private RunbookSpec spec(String yaml) {
        LoadedRunbook loaded = load(yaml);
        assertEquals(List.of(), loaded.problems());
        return loaded.spec().orElseThrow();
    }

    private List<String> problems(String yaml) {
        return load(yaml).problems().stream().map(Problem::format).toList();
    }

    @Test
    void readsEveryKeyIntoTheRecords() {
        RunbookSpec r = spec(FULL);
        assertEquals("full", r.id());
        assertEquals("Full", r.name());
        assertEquals("Every key", r.description());
        assertEquals(Severity.P2, r.severity());
        assertEquals("payment-service", r.service());
        assertEquals(List.of("payments", "latency"), r.tags());
        assertEquals(List.of("everything"), r.aliases());
        assertEquals("# Markdown\n", r.body());
        assertEquals(FILE, r.source());

        assertEquals(2, r.parameters().size());
        var namespace = r.parameters().get(0);
        assertEquals("namespace", namespace.name());
        assertEquals(ParameterType.STRING, namespace.type());
        assertEquals(Optional.of("production"), namespace.defaultValue());
        assertTrue(namespace.required());
        assertEquals(Optional.of("namespace"), namespace.fromLabel());
        assertEquals("Where", namespace.description());
        assertEquals(ParameterType.INT, r.parameters().get(1).type());
        assertEquals(Optional.of("3"), r.parameters().get(1).defaultValue());

        TriggerSpec alert = r.triggers().get(0);
        assertEquals(TriggerType.ALERT, alert.type());
        assertEquals(Optional.of("PaymentsSlow"), alert.alertName());
        assertEquals(Map.of("team", "payments", "env", "prod"), alert.matchers());
        assertEquals(Optional.of("PXYZ123"), alert.pagerdutyService());
        TriggerSpec metric = r.triggers().get(1);
        assertEquals(TriggerType.METRIC_THRESHOLD, metric.type());
        assertEquals(Optional.of("sum(up)"), metric.metricQuery());
        assertEquals(Optional.of(0.5), metric.threshold());
        assertEquals("<", metric.operator());

        DiagnosticSpec d = r.diagnostics().get(0);
        assertEquals("check", d.id());
        assertEquals(DiagnosticType.PROMETHEUS_QUERY, d.type());
        assertEquals(Duration.ofSeconds(90), d.timeout());
        assertEquals("diagnostics[0].config", d.config().path());
        assertEquals(
                Optional.of("up{namespace=\"{{ params.namespace }}\"}"),
                d.config().string("query"));
        assertEquals(30L, d.config().values().get("step"));
        assertEquals(
                Map.of("list", List.of(1L, 2.5, true, "text")),
                d.config().values().get("nested"));
        assertEquals(Optional.of("value == 0.0"), d.interpret().critical());
        assertEquals(Optional.of("value < 1.0"), d.interpret().warning());
        assertEquals(Optional.of("value == 1.0"), d.interpret().healthy());

        assertEquals(
                "diagnostics.check.status == 'critical'",
                r.decisionTree().get(0).condition());
        assertEquals(List.of("restart", "tell"), r.decisionTree().get(0).then());
        assertEquals("Down", r.decisionTree().get(0).description());

        RemediationSpec restart = r.remediations().get(0);
        assertEquals(RemediationType.AUTOMATED, restart.type());
        assertEquals(ActionType.RESTART_SERVICE, restart.action().orElseThrow().type());
        assertEquals(
                Optional.of("payment-service"),
                restart.action().orElseThrow().config().string("deployment"));
        assertEquals(
                "remediations[0].action.config",
                restart.action().orElseThrow().config().path());
        assertTrue(restart.safety().requiresApproval());
        assertTrue(restart.safety().safe());
        assertTrue(restart.safety().needsHuman(), "requiresApproval wins over safe");
        assertEquals(List.of("staging", "dev"), restart.safety().scopes());
        assertEquals(Duration.ofMinutes(2), restart.safety().approvalTimeout());
        assertEquals("OK", restart.expect().get(0).pattern());
        assertFalse(restart.expect().get(0).allowFailure());
        assertTrue(restart.expect().get(1).allowFailure());
        assertEquals(RemediationType.MANUAL, r.remediations().get(1).type());
        assertEquals(Optional.of("Call the owners."), r.remediations().get(1).instructions());

        assertEquals("#incidents", r.escalation().primary());
        assertEquals(Optional.of("#sre"), r.escalation().secondary());
        assertEquals(15, r.escalation().escalateAfterMinutes());
        assertEquals(List.of("U012AB3CD", "S0614TZR7"), r.approval().approvers());
        assertEquals(2, r.approval().requiredApprovals());
    }

    @Test
    void fillsTheDefaults() {
        RunbookSpec r = spec(MINIMAL);
        DiagnosticSpec d = r.diagnostics().get(0);
        assertEquals(Duration.ofSeconds(30), d.timeout());
        assertEquals(Optional.empty(), d.interpret().critical());
        RemediationSpec fix = r.remediations().get(0);
        assertFalse(fix.safety().requiresApproval());
        assertFalse(fix.safety().safe());
        assertTrue(fix.safety().needsHuman(), "not marked safe: a person approves");
        assertEquals(List.of(), fix.safety().scopes());
        assertEquals(Duration.ofSeconds(120), fix.safety().approvalTimeout());
        assertEquals(
                "remediations[0].action.config",
                fix.action().orElseThrow().config().path());
        assertEquals(Map.of(), fix.action().orElseThrow().config().values());
        assertEquals(30, r.escalation().escalateAfterMinutes());
        assertEquals(Optional.empty(), r.escalation().secondary());
        assertEquals(List.of(), r.approval().approvers());
        assertEquals(1, r.approval().requiredApprovals());
        assertEquals(List.of(), r.tags());
        assertEquals("", r.body());
    }

    @Test
    void readsTimeoutsAsSecondsOrDurations() {
        for (Map.Entry<String, Duration> e : Map.of(
                        "10", Duration.ofSeconds(10),
                        "2.5", Duration.ofMillis(2500),
                        "\"10s\"", Duration.ofSeconds(10),
                        "2m", Duration.ofMinutes(2),
                        "1m30s", Duration.ofSeconds(90),
                        "500ms", Duration.ofMillis(500),
                        "1d", Duration.ofDays(1),
                        "\"45\"", Duration.ofSeconds(45))
                .entrySet()) {
            RunbookSpec r = spec(MINIMAL.replace("    interpret:", "    timeout: " + e.getKey() + "\n    interpret:"));
            assertEquals(e.getValue(), r.diagnostics().get(0).timeout(), e.getKey());
        }
    }

    @Test
    void versionIsTheFirst12HexDigitsOfTheContentsSha256() throws Exception {
        byte[] bytes = MINIMAL.getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                .substring(0, 12);
        LoadedRunbook loaded = loader.parse(FILE, bytes);
        assertEquals(expected, loaded.version());
        assertEquals(expected, loaded.spec().orElseThrow().version());
        assertNotEquals(
                expected, load(MINIMAL + "# a comment changes the version\n").version());
    }

    @Test
    void remembersWhereEverythingWas() {
        LoadedRunbook loaded = load(FULL);
        RunbookSpec r = loaded.spec().orElseThrow();
        assertEquals(new SourceLocation(FILE, 35, 14), loaded.sources().at("diagnostics[0].config.query"));
        assertEquals(new SourceLocation(FILE, 35, 7), loaded.sources().keyAt("diagnostics[0].config.query"));
        // inside a quoted value, columns count from its first character
        assertEquals(new SourceLocation(FILE, 35, 27), loaded.sources().at("diagnostics[0].config.query", 12));
        // a path nobody wrote falls back to its closest ancestor
        assertEquals(
                loaded.sources().at("diagnostics[0].config"), loaded.sources().at("diagnostics[0].config.nope"));
        assertEquals(
                Optional.of("diagnostics[0]"),
                loaded.sources().pathOf(r.diagnostics().get(0)));
        assertEquals(
                Optional.of("remediations[1]"),
                loaded.sources().pathOf(r.remediations().get(1)));
        assertEquals(
                Optional.of("triggers[1]"), loaded.sources().pathOf(r.triggers().get(1)));
        assertEquals(new SourceLocation(FILE, 30, 5), r.diagnostics().get(0).location());
    }

    @Test
    void reportsAnUnknownKeyWithTheClosestValidKey() {
        assertEquals(
                List.of("r.yaml:21:5: error: unknown key 'requireApproval', did you mean 'requiresApproval'?"),
                problems(MINIMAL.replace(
                        "    action: { type: notify }", "    action: { type: notify }\n    requireApproval: true")));
        assertEquals(
                List.of("r.yaml:21:5: error: unknown key 'requires_approval', did you mean 'requiresApproval'?"),
                problems(MINIMAL.replace(
                        "    action: { type: notify }", "    action: { type: notify }\n    requires_approval: true")));
        assertEquals(
                List.of("r.yaml:23:1: error: unknown key 'owner' in the runbook (valid keys: id, name, description,"
                        + " severity, service, tags, aliases, body, parameters, triggers, diagnostics, decisionTree,"
                        + " decisionMatch, remediations, escalation, approval)"),
                problems(MINIMAL + "owner: team-payments\n"));
    }

    @Test
    void reportsMissingRequiredKeysAtTheMappingThatLacksThem() {
        assertEquals(
                List.of("r.yaml:1:1: error: the runbook is missing required key 'service'"),
                problems(MINIMAL.replace("service: example\n", "")));
        assertEquals(
                List.of("r.yaml:8:5: error: diagnostics[0] is missing required key 'type'"),
                problems(MINIMAL.replace("    type: http_check\n", "")));
        assertEquals(
                List.of("r.yaml:22:3: error: escalation is missing required key 'primary'"),
                problems(MINIMAL.replace("  primary: \"#incidents\"\n", "  secondary: \"#sre\"\n")));
    }

    @Test
    void reportsValuesOfTheWrongType() {
        assertEquals(
                List.of("r.yaml:4:11: error: 'severity' must be one of P1, P2, P3, P4; found 'P5'"),
                problems(MINIMAL.replace("severity: P4", "severity: P5")));
        assertEquals(
                List.of("r.yaml:4:11: error: 'severity' must be one of P1, P2, P3, P4; found 'p1'"
                        + " (did you mean 'P1'?)"),
                problems(MINIMAL.replace("severity: P4", "severity: p1")));
        assertEquals(
                List.of("r.yaml:5:10: error: 'service' must be text, found a list"),
                problems(MINIMAL.replace("service: example", "service: [a, b]")));
        assertEquals(
                List.of("r.yaml:6:11: error: 'triggers' must be a list, found a mapping"),
                problems(MINIMAL.replace("triggers: []", "triggers: {type: manual}")));
        assertEquals(
                List.of("r.yaml:6:12: error: 'triggers[0]' must be a mapping, found text"),
                problems(MINIMAL.replace("triggers: []", "triggers: [manual]")));
        assertEquals(
                List.of("r.yaml:23:25: error: 'escalateAfterMinutes' must be a whole number, found text '15m'"),
                problems(MINIMAL + "  escalateAfterMinutes: 15m\n"));
        assertEquals(
                List.of("r.yaml:13:14: error: 'timeout' is not a duration: '10 seconds'"
                        + " (write seconds as a number (10) or a duration like \"10s\", \"2m\", \"1m30s\")"),
                problems(MINIMAL.replace("    interpret:", "    timeout: 10 seconds\n    interpret:")));
        assertEquals(
                List.of("r.yaml:1:5: error: 'id' must not be empty"),
                problems(MINIMAL.replace("id: minimal", "id: \"\"")));
        assertEquals(
                List.of("r.yaml:2:7: error: 'name' has no value"),
                problems(MINIMAL.replace("name: Minimal", "name: ~")));
        assertEquals(
                List.of("r.yaml:12:30: error: 'name' has no value (give it a value or remove it)"),
                problems(MINIMAL.replace("{ name: home,", "{ name: null,")));
    }

    @Test
    void aRunbookMustBeAMapping() {
        assertEquals(
                List.of("r.yaml:1:1: error: a runbook must be a YAML mapping (key: value lines), found a list"),
                problems("- id: x\n"));
        assertTrue(load("- id: x\n").draft().isEmpty());
    }

    @Test
    void aDraftSurvivesProblemsButIsNotASpec() {
        LoadedRunbook loaded = load(MINIMAL.replace("severity: P4", "severity: P9"));
        assertTrue(loaded.hasErrors());
        assertTrue(loaded.spec().isEmpty());
        assertEquals("minimal", loaded.draft().orElseThrow().id());
        assertEquals(null, loaded.draft().orElseThrow().severity());
    }

    @Test
    void refusesFilesThatAreTooLargeOrNotUtf8(@TempDir Path dir) throws IOException {
        RunbookLoader small = new RunbookLoader(new YamlLimits(100, 8, 100));
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, MINIMAL);
        assertEquals(
                List.of(big + ":1:1: error: the file has " + MINIMAL.length()
                        + " bytes; a runbook may have at most 100 bytes"),
                small.load(big).problems().stream().map(Problem::format).toList());
        assertEquals(
                List.of("r.yaml:1:1: error: the file is not valid UTF-8"),
                loader.parse(FILE, new byte[] {'i', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28}).problems().stream()
                        .map(Problem::format)
                        .toList());
        assertEquals(
                List.of(dir.resolve("missing.yaml") + ":1:1: error: no such file"),
                loader.load(dir.resolve("missing.yaml")).problems().stream()
                        .map(Problem::format)
                        .toList());
    }

    @Test
    void loadsTheYamlFilesOfADirectoryButNotOfItsSubdirectories(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(dir.resolve("b.yml"), MINIMAL.replace("id: minimal", "id: b"));
        Files.writeString(dir.resolve("a.yaml"), MINIMAL.replace("id: minimal", "id: a"));
        Files.writeString(dir.resolve("fixtures/recorded.yaml"), "not: a runbook");
        Files.writeString(dir.resolve("README.md"), "not a runbook");
        List<LoadedRunbook> loaded = loader.loadAll(List.of(dir, dir.resolve("a.yaml")));
        assertEquals(
                List.of(dir.resolve("a.yaml"), dir.resolve("b.yml")),
                loaded.stream().map(LoadedRunbook::file).toList());
        assertThrows(UnsupportedOperationException.class, () -> loaded.add(loaded.get(0)));
    }
}

package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.config.Settings;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.DiagnosticRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Lint as {@code runbookctl lint} and the bot run it ({@link LintSetup#linter}, the bot's real executors): one mistake
 * gives one error even where a lint rule and the step type's own check both see it, a dotted label name gets a message
 * that shows how to read it, and the machine's environment does not change the result.
 */
class LintWithTheBotsExecutorsTest {
    private static final String HEAD = """
            id: base
            name: Base
            description: A valid runbook
            severity: P3
            service: example
            triggers:
              - type: alert
                alertName: BaseAlert
            diagnostics:
              - id: s
                name: S
                description: S
            """;
    private static final String TAIL = """
            decisionTree:
              - condition: "diagnostics.s.status == 'critical'"
                then: [page_oncall]
                description: Something is wrong
            remediations:
              - id: page_oncall
                name: Page on-call
                description: Page the on-call engineer
                type: escalate
            escalation:
              primary: "#incidents"
            """;

    private static List<String> lint(String step, Map<String, String> env) {
        return LintSetup.linter(Settings.load(Optional.empty(), env))
                .lint(List.of(new RunbookLoader()
                        .parse(Path.of("r.yaml"), (HEAD + step + TAIL).getBytes(StandardCharsets.UTF_8))))
                .problems()
                .stream()
                .map(Problem::format)
                .toList();
    }

    private static List<String> lint(String step) {
        return lint(step, Map.of());
    }

    @Test
    void aTemplatedShellScriptIsOneError() {
        assertEquals(
                List.of("r.yaml:15:22: error: templated value after 'sh -c' would run as code (keep the script literal"
                        + " and pass values as later arguments, e.g. [sh, -c, 'echo \"$1\"', sh, '{{ labels.pod }}'])"),
                lint("""
                            type: shell_command
                            config:
                              argv: [sh, -c, "echo {{ labels.pod }}"]
                            interpret:
                              critical: "exit_code != 0"
                        """));
    }

    @Test
    void aTemplatedUrlHostIsOneError() {
        assertEquals(
                List.of("r.yaml:16:25: error: labels.host stands in the URL's scheme or host; alert data must never"
                        + " choose where a request goes"),
                lint("""
                            type: http_check
                            config:
                              urls:
                                - url: "https://{{ labels.host }}/health"
                            interpret:
                              critical: "any_unreachable"
                        """));
    }

    @Test
    void aDottedLabelInATemplateIsOneErrorThatSaysHowToReadIt() {
        assertEquals(
                List.of(
                        "r.yaml:15:23: error: invalid template: 'labels.app.kubernetes.io/name': a label name with dots,"
                                + " slashes or dashes is read with brackets: write {{ labels['app.kubernetes.io/name'] }}"),
                lint("""
                            type: prometheus_query
                            config:
                              query: 'up{app="{{ labels.app.kubernetes.io/name }}"}'
                            interpret:
                              critical: "value > 1.0"
                        """));
    }

    @Test
    void aDottedLabelInAConditionIsOneErrorThatSaysHowToReadIt() {
        assertEquals(
                List.of("r.yaml:17:18: error: invalid condition: 'labels.app.kubernetes.io/name' reads the name up to"
                        + " its first dot; a name with dots, slashes or dashes is read with brackets:"
                        + " labels['app.kubernetes.io/name'] (write labels['app.kubernetes.io/name'] == 'x')"),
                lint("""
                            type: prometheus_query
                            config:
                              query: up
                            interpret:
                              critical: "labels.app.kubernetes.io/name == 'x'"
                        """));
    }

    @Test
    void aLogSearchWithoutUrlIsTheSameWarningWithAndWithoutLokiUrl() {
        String step = """
                    type: log_search
                    config:
                      query: '{app="x"} |= "ERROR"'
                    interpret:
                      critical: "match_count > 0"
                """;
        List<String> expected = List.of("r.yaml:15:7: warning: 'url' is not set, so this step searches the Loki of the"
                + " bot's configuration (loki.url or LOKI_URL); a bot without one reports the step as an error (give"
                + " the step its own url: to make it independent of the configuration, or use source: file or"
                + " journald)");
        assertEquals(expected, lint(step));
        assertEquals(expected, lint(step, Map.of("LOKI_URL", "http://127.0.0.1:3100")));
        assertEquals(
                List.of(), lint(step.replace("config:\n", "config:\n      url: http://127.0.0.1:3100\n"), Map.of()));
    }

    @Test
    void lintsExecutorsHoldNoHttpClientSoTheyLoadNoneAndCanSendNothing() {
        List<DiagnosticExecutor> executors =
                LintSetup.executors(Settings.loadWithoutSandboxTrial(Optional.empty(), Map.of()));
        DiagnosticExecutor prometheus = executors.stream()
                .filter(e -> e.type() == DiagnosticType.PROMETHEUS_QUERY)
                .findFirst()
                .orElseThrow();

        assertEquals(List.of(), prometheus.validate(DiagnosticRequests.config(Map.of("query", "up"))));
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> prometheus.execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_QUERY, Map.of("query", "up"), Duration.ofSeconds(1))));
        assertEquals("lint's diagnostic executors send no request", refused.getMessage());
    }

    @Test
    void lintDoesNotTryTheSandboxSoABrokenOneChangesNothing() {
        Map<String, String> broken =
                Map.of("RUNBOOK_SANDBOX_MODE", "bubblewrap", "RUNBOOK_SANDBOX_BUBBLEWRAP", "/nonexistent/bwrap");
        assertThrows(dev.runbookbot.config.SettingsException.class, () -> Settings.load(Optional.empty(), broken));

        assertEquals(
                List.of(),
                LintSetup.linter(Settings.loadWithoutSandboxTrial(Optional.empty(), broken))
                        .lint(List.of(new RunbookLoader()
                                .parse(Path.of("r.yaml"), (HEAD + """
                                            type: shell_command
                                            config:
                                              argv: [uptime]
                                            interpret:
                                              critical: "exit_code != 0"
                                        """ + TAIL).getBytes(StandardCharsets.UTF_8))))
                        .problems());
    }
}

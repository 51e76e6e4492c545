package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A valid runbook {@code r.yaml} whose one remediation, {@code act}, runs the action a lint test writes, linted as
 * {@code runbookctl lint} and the bot lint it: the problems, formatted with their file:line:col. The action's lines
 * start at line 29, under {@code action:}, indented by six spaces.
 */
final class ActionLintFixture {
    private static final String HEAD = """
            id: base
            name: Base
            description: A valid runbook
            severity: P3
            service: example
            triggers:
              - type: manual
            diagnostics:
              - id: s
                name: S
                description: S
                type: prometheus_query
                config:
                  query: up
                interpret:
                  critical: "value == 0.0"
            decisionTree:
              - condition: "diagnostics.s.status == 'critical'"
                then: [act]
                description: Something is wrong
            remediations:
              - id: act
                name: Act
                description: %s
                type: automated
                requiresApproval: true
                action:
            """;
    private static final String TAIL = """
            escalation:
              primary: "#incidents"
            """;

    private ActionLintFixture() {}

    /** Lints the runbook with {@code action} as the remediation's action, the remediation described as given. */
    static List<String> lint(String description, String action) {
        String yaml = HEAD.formatted(description) + action + TAIL;
        return LintSetup.linter(Settings.loadWithoutSandboxTrial(Optional.empty(), Map.of()))
                .lint(List.of(new RunbookLoader().parse(Path.of("r.yaml"), yaml.getBytes(StandardCharsets.UTF_8))))
                .problems()
                .stream()
                .map(Problem::format)
                .toList();
    }
}

package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.StepConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a proposed action would run: templates filled per sink, SQL values bound, secrets named but never resolved. */
class ActionTextTest {
    private static final TemplateContext CONTEXT = new TemplateContext(
            Map.of("namespace", "prod", "datname", "pay'ments"),
            Map.of("service", "checkout api", "evil", "x\"; rm -rf /"),
            Map.of());

    private static ActionText render(ActionType type, Map<String, Object> config) {
        return ActionText.render(
                new ActionSpec(type, new StepConfig(config, "remediations[0].action.config")), CONTEXT);
    }

    @Test
    void sqlValuesBecomeBindParametersShownBesideTheStatement() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("datasource", "payments");
        config.put(
                "script",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = {{ params.datname }}");
        ActionText text = render(ActionType.RUN_SCRIPT, config);
        assertEquals(
                List.of(
                        "datasource: payments",
                        "script: SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?",
                        "  bound to the ?s in order: \"pay'ments\""),
                text.lines());
        assertEquals(Map.of("script", List.of("pay'ments")), text.binds());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void argvElementsAreFilledAsTheyAreAndShownQuoted() {
        ActionText text = render(
                ActionType.RUN_SCRIPT,
                Map.of("argv", List.of("kubectl", "--namespace={{ params.namespace }}", "--", "{{ labels.evil }}")));
        assertEquals(List.of("argv: [\"kubectl\", \"--namespace=prod\", \"--\", \"x\\\"; rm -rf /\"]"), text.lines());
    }

    @Test
    void secretsAreShownByNameAndUrlValuesEncoded() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", Map.of("secret", "api-token", "prefix", "Bearer "));
        headers.put("X-Service", "{{ labels.service }}");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("method", "POST");
        config.put("url", "https://deploy.example.com/v1/services/{{ labels.service }}/restart");
        config.put("headers", headers);
        config.put("passwordSecret", "deploy-password");
        ActionText text = render(ActionType.HTTP_REQUEST, config);
        assertEquals(
                List.of(
                        "method: POST",
                        "url: https://deploy.example.com/v1/services/checkout%20api/restart",
                        "headers.Authorization: Bearer <secret:api-token>",
                        "headers.X-Service: checkout api",
                        "passwordSecret: <secret:deploy-password>"),
                text.lines());
    }

    @Test
    void aValueThatCannotBeRenderedSaysWhy() {
        ActionText text = render(ActionType.NOTIFY, Map.of("text", "pods of {{ labels.deployment }} restarted"));
        assertEquals(List.of("text: no value for labels.deployment"), text.problems());
        assertEquals(List.of("text: <cannot render: no value for labels.deployment>"), text.lines());
    }
}

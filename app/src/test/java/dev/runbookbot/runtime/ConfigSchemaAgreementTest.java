package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.runbookbot.config.Settings;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.kubernetes.KubernetesClusters;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.schema.ConfigReference;
import dev.runbookbot.runbook.schema.RunbookSchema;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.RecordingChatGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * One truth about config keys: every step and action type's executor declares its keys ({@code configKeys()}) and
 * rejects any other; the JSON Schema's sub-schema of that type lists exactly those keys and no more; and
 * {@code docs/reference.md} is what {@code runbookctl schema --reference} generates from the schema.
 */
class ConfigSchemaAgreementTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final JsonNode SCHEMA = json(RunbookSchema.json());

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> keys(JsonNode config) {
        Set<String> keys = new TreeSet<>();
        config.path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void agrees(
            String type, Set<String> declared, Function<StepConfig, List<ConfigProblem>> validate, JsonNode config) {
        assertFalse(declared.isEmpty(), type + " declares no config keys (configKeys())");
        assertEquals(new TreeSet<>(declared), keys(config), type + ": schema keys vs the executor's configKeys()");
        assertEquals(
                false,
                config.path("additionalProperties").asBoolean(true),
                type + ": the schema must refuse keys the executor does not know");
        List<ConfigProblem> problems =
                validate.apply(new StepConfig(Map.of("zz_not_a_key", "x"), "diagnostics[0].config"));
        assertTrue(
                problems.stream().anyMatch(p -> p.path().endsWith("zz_not_a_key")),
                () -> type + ": the executor must refuse an unknown key, got " + problems);
    }

    @Test
    void everyStepTypesSchemaListsExactlyTheKeysItsExecutorDeclares() {
        Map<String, JsonNode> configs = ConfigReference.configs(SCHEMA, "diagnostic");
        List<DiagnosticExecutor> executors = LintSetup.executors(Settings.load(Optional.empty(), Map.of()));
        Set<String> types = new TreeSet<>();
        Arrays.stream(DiagnosticType.values()).forEach(t -> types.add(t.yamlName()));
        Set<String> registered = new TreeSet<>();
        executors.forEach(e -> registered.add(e.type().yamlName()));
        assertEquals(types, registered);
        assertEquals(types, new TreeSet<>(configs.keySet()));
        for (DiagnosticExecutor executor : executors) {
            String type = executor.type().yamlName();
            agrees(type, executor.configKeys(), executor::validate, configs.get(type));
        }
    }

    @Test
    void everyActionTypesSchemaListsExactlyTheKeysItsExecutorDeclares() {
        Map<String, JsonNode> configs = ConfigReference.configs(SCHEMA, "action");
        Settings settings =
                Settings.load(Optional.empty(), Map.of("RUNBOOK_PAGERDUTY_ROUTING_KEY_SECRET", "pd-routing"));
        // Building the client reads kubeconfig; nothing is contacted.
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
            List<ActionExecutor> executors = RemediationAssembly.actionExecutors(
                    settings,
                    KubernetesClusters.of(kubernetes),
                    new RecordingChatGateway(),
                    new OkHttpClient(),
                    SecretResolver.none(),
                    Clock.systemUTC());
            Set<String> types = new TreeSet<>();
            Arrays.stream(ActionType.values()).forEach(t -> types.add(t.yamlName()));
            Set<String> registered = new TreeSet<>();
            executors.forEach(e -> registered.add(e.type().yamlName()));
            assertEquals(types, new TreeSet<>(configs.keySet()));
            assertEquals(types, registered);
            for (ActionExecutor executor : executors) {
                String type = executor.type().yamlName();
                agrees(type, executor.configKeys(), executor::validate, configs.get(type));
            }
        }
    }

    @Test
    void theSchemaRefusesAMisspelledConfigKeyOfAStepAndOfAnAction() throws IOException {
        JsonSchema validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(RunbookSchema.json());
        String runbook = """
                id: x
                name: X
                description: d
                severity: P3
                service: s
                triggers: [{type: manual}]
                diagnostics:
                  - {id: q, name: Q, description: d, type: prometheus_query, config: {query: up, querry: up}, interpret: {healthy: "true"}}
                decisionTree: [{condition: "true", then: [n], description: d}]
                remediations:
                  - {id: n, name: N, description: d, type: automated, action: {type: notify, config: {channel: "#ops", txt: hi}}}
                escalation: {primary: "#ops"}
                """;
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(runbook);
        Set<String> messages = validator.validate(tree).stream()
                .map(m -> m.getMessage())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(messages.stream().anyMatch(m -> m.contains("querry")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("txt")), messages.toString());
    }

    @Test
    void theReferenceDocsAreGeneratedFromTheSchema() throws IOException {
        assertEquals(
                ConfigReference.markdown(RunbookSchema.json()),
                Files.readString(DOCS.resolve("reference.md")),
                "docs/reference.md is stale: regenerate it with ./runbookctl schema --reference > docs/reference.md");
    }
}

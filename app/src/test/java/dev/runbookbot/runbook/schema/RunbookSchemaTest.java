package dev.runbookbot.runbook.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.DecisionMatch;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.ParameterType;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.TriggerType;
import dev.runbookbot.runbook.load.ObjectShape;
import dev.runbookbot.runbook.load.RunbookFormat;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the hand-written JSON Schema and the loader in agreement: the same keys, the same required keys and the same
 * enum values for every kind of mapping; and what the loader accepts the schema accepts (the shipped runbooks),
 * while the loader's structural errors fail the schema too.
 */
class RunbookSchemaTest {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));
    private static final Path BROKEN = Path.of("src", "test", "resources", "broken");

    private final JsonNode schema = parse(RunbookSchema.json());
    private final JsonSchema validator =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(RunbookSchema.json());

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode shapeNode(ObjectShape shape) {
        return shape == RunbookFormat.RUNBOOK
                ? schema
                : schema.path("definitions").path(shape.name());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static <E extends Enum<E>> Set<String> names(E[] values, Function<E, String> name) {
        return new TreeSet<>(Arrays.stream(values).map(name).toList());
    }

    @Test
    void everyMappingHasExactlyTheLoadersKeys() {
        for (ObjectShape shape : RunbookFormat.shapes()) {
            JsonNode node = shapeNode(shape);
            assertFalse(node.isMissingNode(), "schema has no definition '" + shape.name() + "'");
            assertEquals(new TreeSet<>(shape.keys()), fieldNames(node.path("properties")), shape.name());
            assertEquals(new TreeSet<>(shape.required()), texts(node.path("required")), shape.name() + " required");
            assertFalse(node.path("additionalProperties").asBoolean(true), shape.name() + " must refuse unknown keys");
        }
    }

    @Test
    void everyEnumHasExactlyTheLoadersValues() {
        JsonNode d = schema.path("definitions");
        assertEquals(names(Severity.values(), Severity::name), texts(schema.at("/properties/severity/enum")));
        assertEquals(
                names(DecisionMatch.values(), DecisionMatch::yamlName),
                texts(schema.at("/properties/decisionMatch/enum")));
        assertEquals(names(TriggerType.values(), TriggerType::yamlName), texts(d.at("/trigger/properties/type/enum")));
        assertEquals(
                names(DiagnosticType.values(), DiagnosticType::yamlName),
                texts(d.at("/diagnostic/properties/type/enum")));
        assertEquals(
                names(RemediationType.values(), t -> t.name().toLowerCase(Locale.ROOT)),
                texts(d.at("/remediation/properties/type/enum")));
        assertEquals(names(ActionType.values(), ActionType::yamlName), texts(d.at("/action/properties/type/enum")));
        assertEquals(
                names(ParameterType.values(), t -> t.name().toLowerCase(Locale.ROOT)),
                texts(d.at("/parameter/properties/type/enum")));
        assertEquals(
                new TreeSet<>(List.of(">", ">=", "<", "<=", "==", "!=")),
                texts(d.at("/trigger/properties/operator/enum")));
    }

    private List<String> schemaErrors(Path file) throws IOException {
        JsonNode node = new YAMLMapper().readTree(Files.readAllBytes(file));
        List<String> errors = new ArrayList<>();
        for (ValidationMessage message : validator.validate(node)) {
            errors.add(message.getMessage());
        }
        return errors;
    }

    @TestFactory
    Stream<DynamicTest> theShippedRunbooksValidateAgainstTheSchema() throws IOException {
        return RunbookLoader.runbookFiles(RUNBOOKS).stream()
                .map(file -> DynamicTest.dynamicTest(
                        file.getFileName().toString(), () -> assertEquals(List.of(), schemaErrors(file))));
    }

    @Test
    void theShippedRunbooksAreThere() throws IOException {
        List<String> names = RunbookLoader.runbookFiles(RUNBOOKS).stream()
                .map(p -> p.getFileName().toString())
                .toList();
        assertTrue(
                names.containsAll(List.of(
                        "payments-slow.yaml",
                        "oom-kills.yaml",
                        "bad-deploy.yaml",
                        "downstream-down.yaml",
                        "tls-cert-expiry.yaml",
                        "db-connections-exhausted.yaml")),
                names.toString());
    }

    @TestFactory
    Stream<DynamicTest> theLoadersStructuralErrorsFailTheSchemaToo() {
        return Stream.of(
                        "unknown-key",
                        "missing-required-key",
                        "invalid-enum",
                        "wrong-type",
                        "bad-duration",
                        "automated-without-action")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    List<String> errors = schemaErrors(BROKEN.resolve(name + ".yaml"));
                    assertFalse(errors.isEmpty(), name + " passed the schema");
                }));
    }

    private List<String> actionErrors(String action) throws IOException {
        String runbook = """
                id: x
                name: X
                description: d
                severity: P3
                service: s
                triggers: [{type: manual}]
                diagnostics:
                  - {id: q, name: Q, description: d, type: prometheus_query, config: {query: up}, interpret: {healthy: "true"}}
                decisionTree: [{condition: "true", then: [a], description: d}]
                remediations:
                  - {id: a, name: A, description: d, type: automated, action: %s}
                escalation: {primary: "#ops"}
                """.formatted(action);
        List<String> errors = new ArrayList<>();
        validator.validate(new YAMLMapper().readTree(runbook)).forEach(m -> errors.add(m.getMessage()));
        return errors;
    }

    @Test
    void aKubernetesActionNamesExactlyOneWorkloadOfAKindItCanActOnOrItsNode() throws IOException {
        assertEquals(List.of(), actionErrors("{type: rollback, config: {statefulset: db, namespace: prod}}"));
        assertEquals(List.of(), actionErrors("{type: restart_service, config: {daemonset: agent, namespace: ops}}"));
        assertEquals(List.of(), actionErrors("{type: drain, config: {node: worker-3, timeout: 5m}}"));
        assertFalse(actionErrors("{type: restart_service, config: {deployment: a, statefulset: a, namespace: p}}")
                .isEmpty());
        assertFalse(actionErrors("{type: rollback, config: {namespace: prod}}").isEmpty());
        assertFalse(actionErrors("{type: scale_up, config: {daemonset: agent, namespace: ops, replicas: 2}}")
                .isEmpty());
        assertFalse(actionErrors("{type: cordon, config: {context: prod}}").isEmpty());
    }
}

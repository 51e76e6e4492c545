package dev.runbookbot.runbook.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {
    private static final Path FILE = Path.of("r.yaml");
    private final YamlTreeReader reader = new YamlTreeReader(YamlLimits.defaults());

    private YamlNode.YamlMap readMap(String yaml) {
        YamlTree tree = reader.read(FILE, yaml);
        assertEquals(List.of(), tree.problems());
        return assertInstanceOf(YamlNode.YamlMap.class, tree.root().orElseThrow());
    }

    private static Object value(YamlNode.YamlMap map, String key) {
        return ((YamlNode.YamlScalar) map.entries().get(key).value()).value();
    }

    private List<String> problems(String yaml) {
        return problems(reader, yaml);
    }

    private static List<String> problems(YamlTreeReader reader, String yaml) {
        return reader.read(FILE, yaml).problems().stream().map(Problem::format).toList();
    }

    @Test
    void keepsThePositionOfEveryKeyAndValue() {
        YamlNode.YamlMap map = readMap("id: a\nlist:\n  - x\n  - { k: 1 }\n");
        assertEquals(new SourceLocation(FILE, 1, 1), map.entries().get("id").keyLocation());
        assertEquals(
                new SourceLocation(FILE, 1, 5), map.entries().get("id").value().location());
        YamlNode.YamlList list = (YamlNode.YamlList) map.entries().get("list").value();
        assertEquals(new SourceLocation(FILE, 3, 5), list.items().get(0).location());
        YamlNode.YamlMap inner = (YamlNode.YamlMap) list.items().get(1);
        assertEquals(
                new SourceLocation(FILE, 4, 10),
                inner.entries().get("k").value().location());
    }

    @Test
    void typesPlainScalarsByTheCoreSchemaAndKeepsYesAndNoAsText() {
        YamlNode.YamlMap map = readMap(
                "int: 42\nfloat: 2.5\nbool: true\nyes: yes\nno: NO\non: on\nquoted: \"123\"\nnull: ~\nempty: ''\n");
        assertEquals(42L, value(map, "int"));
        assertEquals(2.5, value(map, "float"));
        assertEquals(Boolean.TRUE, value(map, "bool"));
        assertEquals("yes", value(map, "yes"));
        assertEquals("NO", value(map, "no"));
        assertEquals("on", value(map, "on"));
        assertEquals("123", value(map, "quoted"));
        assertEquals(null, value(map, "null"));
        assertEquals("", value(map, "empty"));
    }

    @Test
    void refusesAliases() {
        assertEquals(
                List.of("r.yaml:2:4: error: YAML aliases (*x) are not allowed in runbooks"
                        + " (write the value out where it is needed)"),
                problems("a: &x 1\nb: *x\n"));
    }

    @Test
    void refusesAnchorsOnMappingsAndLists() {
        assertEquals(
                List.of("r.yaml:1:4: error: YAML anchors (&defaults) are not allowed in runbooks"
                        + " (write the value out where it is needed)"),
                problems("a: &defaults {timeout: 10}\n"));
        assertEquals(
                List.of("r.yaml:1:4: error: YAML anchors (&x) are not allowed in runbooks"
                        + " (write the value out where it is needed)"),
                problems("a: &x [1, 2]\nb: *x\n"));
    }

    @Test
    void refusesTagsSoNothingCanBeInstantiated() {
        assertEquals(
                List.of("r.yaml:1:4: error: YAML tags (!!javax.script.ScriptEngineManager) are not allowed in"
                        + " runbooks (remove the tag; quote the value if it must be text)"),
                problems("a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                        + " [\"http://127.0.0.1/\"]]]]\n"));
        assertEquals(
                List.of("r.yaml:1:4: error: YAML tags (!!str) are not allowed in runbooks"
                        + " (remove the tag; quote the value if it must be text)"),
                problems("a: !!str 5\n"));
    }

    @Test
    void reportsDuplicateKeysWithBothPositionsAndKeepsReading() {
        assertEquals(
                List.of("r.yaml:3:1: error: duplicate key 'id' (first at line 1)"
                        + " (YAML keeps only one value per key; remove or rename one of them)"),
                problems("id: a\nname: b\nid: c\n"));
        YamlNode.YamlMap map =
                (YamlNode.YamlMap) reader.read(FILE, "id: a\nid: c\n").root().orElseThrow();
        assertEquals("a", value(map, "id"));
    }

    @Test
    void refusesASecondDocument() {
        assertEquals(
                List.of("r.yaml:3:1: error: a runbook file holds one YAML document, but a second one starts here"
                        + " (put each runbook in its own file)"),
                problems("id: a\n---\nid: b\n"));
    }

    @Test
    void reportsSyntaxErrorsWhereTheyAre() {
        assertEquals(
                List.of("r.yaml:2:5: error: YAML syntax error: mapping values are not allowed here"),
                problems("a: b\nc: d: e\n"));
        assertEquals(
                List.of("r.yaml:2:2: error: YAML syntax error: expected ',' or ']', but got :"
                        + " (while parsing a flow sequence that starts at line 1, column 4)"),
                problems("a: [1, 2\nb: 3\n"));
    }

    @Test
    void explainsAnUnquotedTemplate() {
        assertEquals(
                List.of("r.yaml:2:12: error: YAML syntax error: an unquoted '{{' starts a YAML mapping"
                        + " (quote a templated value: \"{{ params.name }}\")"),
                problems("config:\n  query: {{ params.x }}\n"));
    }

    @Test
    void reportsAnEmptyFile() {
        assertEquals(
                List.of("r.yaml:1:1: error: the file is empty (a runbook is a YAML mapping with id, name,"
                        + " description, severity, service, ...)"),
                problems("# nothing but a comment\n"));
    }

    @Test
    void boundsNestingDepth() {
        YamlTreeReader shallow = new YamlTreeReader(new YamlLimits(1024, 3, 1024));
        assertEquals(List.of(), problems(shallow, "a: {b: {c: 1}}\n"));
        assertEquals(
                List.of("r.yaml:1:12: error: the YAML nests deeper than 3 levels (runbooks are shallow; flatten this"
                        + " structure)"),
                problems(shallow, "a: {b: {c: {d: 1}}}\n"));
    }

    @Test
    void boundsTheLengthOfAValue() {
        YamlTreeReader small = new YamlTreeReader(new YamlLimits(4096, 8, 10));
        assertEquals(List.of(), problems(small, "a: " + "x".repeat(10) + "\n"));
        assertEquals(
                List.of("r.yaml:1:4: error: a value of 11 characters exceeds the limit of 10"
                        + " (keep large scripts and documents outside the runbook)"),
                problems(small, "a: " + "x".repeat(11) + "\n"));
    }
}

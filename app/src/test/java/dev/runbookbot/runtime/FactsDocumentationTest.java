package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.config.Settings;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.expr.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/conditions.md lists each diagnostic type's facts exactly as its executor declares them (names, order and CEL
 * types), so runbook authors read what conditions will really see.
 */
class FactsDocumentationTest {
    private static final Path DOC = Path.of(System.getProperty("runbookbot.docs", "../docs"), "conditions.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\| `([^`]+)` \\| .*\\|$");

    private static String celType(ValueType type) {
        return switch (type) {
            case BOOL -> "bool";
            case INT -> "int";
            case DOUBLE -> "double";
            case STRING -> "string";
            case STRING_LIST -> "list(string)";
            case STRING_MAP -> "map(string, string)";
            case MAP_LIST -> "list(map(string, dyn))";
            case MAP -> "map(string, dyn)";
            case MAP_OF_MAPS -> "map(string, map(string, dyn))";
            case DYN -> "dyn";
            case TIMESTAMP -> "timestamp";
        };
    }

    /** The fact tables under "### <type>" in the "Facts per diagnostic type" section, in order. */
    private static Map<String, List<String>> documented() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("## Facts per diagnostic type");
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("### ")) {
                current = new ArrayList<>();
                tables.put(line.substring(4).strip(), current);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (current != null && row.matches()) {
                current.add(row.group(1) + ": " + row.group(2));
            }
        }
        return tables;
    }

    @Test
    void everyTypeIsDocumentedWithExactlyItsExecutorsFacts() throws IOException {
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (DiagnosticExecutor executor : LintSetup.executors(Settings.load(Optional.empty(), Map.of()))) {
            List<String> facts = new ArrayList<>();
            executor.facts().forEach((name, type) -> facts.add(name + ": " + celType(type)));
            declared.put(executor.type().yamlName(), facts);
        }
        assertEquals(declared, documented());
    }
}

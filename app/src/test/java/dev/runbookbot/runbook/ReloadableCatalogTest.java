package dev.runbookbot.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReloadableCatalogTest {
    private static final Path A = Path.of("runbooks/a.yaml");
    private static final Path B = Path.of("runbooks/b.yaml");

    private static String yaml(String id, String name) {
        return String.join(
                "\n",
                "id: " + id,
                "name: " + name,
                "description: d",
                "severity: P3",
                "service: s",
                "triggers:",
                "  - type: manual",
                "diagnostics:",
                "  - id: check",
                "    name: Check",
                "    type: http_check",
                "    config:",
                "      urls:",
                "        - name: x",
                "          url: http://127.0.0.1:9/x",
                "remediations:",
                "  - id: fix",
                "    name: Fix",
                "    type: manual",
                "    instructions: do it",
                "escalation:",
                "  primary: \"#c\"",
                "");
    }

    private static LoadedRunbook load(Path file, String text) {
        return new RunbookLoader().parse(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Problem error(Path file, String message) {
        return Problem.error(new SourceLocation(file, 3, 1), message);
    }

    @Test
    void aBrokenFileKeepsItsLastValidVersionAndANewBrokenFileIsNotServed() {
        ReloadableCatalog catalog = new ReloadableCatalog();
        LoadedRunbook a1 = load(A, yaml("alpha", "Alpha one"));
        CatalogReload first = catalog.replace(List.of(a1), List.of());
        assertEquals(List.of("alpha"), first.added());
        assertEquals("ok", first.result());

        LoadedRunbook a2 = load(A, yaml("alpha", "Alpha two"));
        LoadedRunbook b = load(B, yaml("beta", "Beta"));
        CatalogReload second = catalog.replace(List.of(a2, b), List.of(error(A, "a is broken"), error(B, "b too")));

        assertEquals("invalid", second.result());
        assertEquals("Alpha one", catalog.byId("alpha").orElseThrow().name(), "the last valid version");
        assertEquals(Optional.empty(), catalog.byId("beta"), "never valid, so not served");
        assertEquals(
                List.of(A, B),
                catalog.refused().stream().map(RefusedRunbook::file).toList());
        assertEquals(
                "runbooks/a.yaml:3:1: error: a is broken",
                catalog.refused().get(0).firstError());
        assertEquals(
                "no runbook changed; 2 files refused (first: runbooks/a.yaml:3:1: error: a is broken)",
                second.summary());
        assertEquals(2, second.newlyRefused().size());

        CatalogReload same = catalog.replace(List.of(a2, b), List.of(error(A, "a is broken"), error(B, "b too")));
        assertEquals(List.of(), same.newlyRefused(), "each broken version is announced once");

        CatalogReload fixed = catalog.replace(List.of(a2, b), List.of());
        assertEquals(List.of("beta"), fixed.added());
        assertEquals(List.of("alpha"), fixed.changed());
        assertEquals("Alpha two", catalog.byId("alpha").orElseThrow().name());
        assertTrue(catalog.refused().isEmpty());
        String oldVersion = a1.version();
        assertEquals(
                "Alpha one",
                catalog.version("alpha", oldVersion).orElseThrow().name(),
                "a version served before stays reachable");

        CatalogReload removed = catalog.replace(List.of(b), List.of());
        assertEquals(List.of("alpha"), removed.removed());
        assertEquals(Optional.empty(), catalog.byId("alpha"));
    }
}

package dev.runbookbot.diagnose.recorded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading fixture files: both result shapes, and every problem reported at once with the key it concerns. */
class RecordingTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("fixture.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsObservationsAndFailuresInFileOrder() throws Exception {
        Recording recording = Recording.read(write("""
                check_db:
                  facts: {value: 95.0, count: 1, empty: false, lines: ["120"], samples: [{value: 1}]}
                  evidence: "payments at 95%"
                  details: [one, two]
                check_api:
                  error: unreachable
                  reason: "connection refused"
                check_quiet:
                  facts: {}
                """));
        assertEquals(
                List.of("check_db", "check_api", "check_quiet"),
                List.copyOf(recording.steps().keySet()));
        Outcome.Observed db = assertInstanceOf(
                Outcome.Observed.class, recording.step("check_db").orElseThrow());
        assertEquals(95.0, db.facts().get("value"));
        assertEquals(1L, db.facts().get("count"));
        assertEquals(false, db.facts().get("empty"));
        assertEquals(List.of("120"), db.facts().get("lines"));
        assertEquals(List.of(Map.of("value", 1L)), db.facts().get("samples"));
        assertEquals("payments at 95%", db.evidence());
        assertEquals(List.of("one", "two"), db.details());
        assertEquals(
                Outcome.failed(FailureKind.UNREACHABLE, "connection refused"),
                recording.step("check_api").orElseThrow());
        Outcome.Observed quiet = assertInstanceOf(
                Outcome.Observed.class, recording.step("check_quiet").orElseThrow());
        assertEquals("recorded result", quiet.evidence());
    }

    @Test
    void reportsEveryProblemWithItsKey() throws IOException {
        RecordingException e = assertThrows(RecordingException.class, () -> Recording.read(write("""
                        a: {facts: {value: 1}, error: TIMEOUT}
                        b: {reason: "nothing else"}
                        c: {error: SLOW}
                        d: {facts: [1, 2]}
                        e: {facts: {}, evidnce: typo}
                        f: just text
                        """)));
        assertEquals(
                List.of(
                        "a: has both 'facts' and 'error'; a step either observed something or failed",
                        "b: needs 'facts' (what the step observed) or 'error' (how it failed)",
                        "c.error: 'SLOW' is not a failure kind; use one of TIMEOUT, UNREACHABLE, BAD_RESPONSE,"
                                + " QUERY_ERROR, CONFIGURATION, RESOURCE_LIMIT, CANCELLED, INTERNAL",
                        "d.facts: must be a mapping from fact names to values, not a list",
                        "e.evidnce: unknown key; an observation takes details, evidence, facts",
                        "f: must be a mapping with 'facts' (what the step observed) or 'error' (how it failed), not a"
                                + " single value"),
                e.problems());
    }

    @Test
    void refusesDuplicateStepsMissingFilesAndNonMappings() throws IOException {
        RecordingException duplicate = assertThrows(
                RecordingException.class, () -> Recording.read(write("a: {facts: {}}\na: {error: TIMEOUT}\n")));
        assertEquals(1, duplicate.problems().size());
        assertEquals(true, duplicate.problems().get(0).startsWith("not valid YAML: Duplicate field 'a'"));

        RecordingException missing =
                assertThrows(RecordingException.class, () -> Recording.read(dir.resolve("nope.yaml")));
        assertEquals(List.of("no such file"), missing.problems());

        RecordingException list = assertThrows(RecordingException.class, () -> Recording.read(write("- a\n- b\n")));
        assertEquals(List.of("the file should be a mapping from step ids to results, not a list"), list.problems());

        RecordingException empty = assertThrows(RecordingException.class, () -> Recording.read(write("")));
        assertEquals(List.of("the file is empty; it should map step ids to results"), empty.problems());
    }
}

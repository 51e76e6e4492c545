package dev.runbookbot.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.text.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepConfigReaderTest {
    @Test
    void durationsReadAsRunbooksWriteThem() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), DurationText.parse(10));
        assertEquals(Optional.of(Duration.ofMillis(2500)), DurationText.parse("2.5"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), DurationText.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofMillis(500)), DurationText.parse("500ms"));
        assertEquals(Optional.empty(), DurationText.parse("5 minutes"));
        assertEquals(Optional.empty(), DurationText.parse("m5"));
        assertEquals("1.5s", DurationText.format(Duration.ofMillis(1500)));
        assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
        assertEquals("300ms", DurationText.format(Duration.ofMillis(300)));
    }

    @Test
    void nestedProblemsCarryTheirFullPath() {
        StepConfigReader r = new StepConfigReader(new StepConfig(
                Map.of("items", List.of(Map.of("n", "x"), "not a map"), "limit", 0), "diagnostics[3].config"));
        r.objects("items").get(0).integer("n", 1, 10);
        r.integer("limit", 1, 10);
        assertEquals(
                List.of(
                        new ConfigProblem(
                                "diagnostics[3].config.items[1]",
                                "must be a mapping of keys to values, not a single value"),
                        new ConfigProblem("diagnostics[3].config.items[0].n", "must be a whole number, got 'x'"),
                        new ConfigProblem("diagnostics[3].config.limit", "must be between 1 and 10, got 0")),
                r.problems());
        ParsedConfig<String> parsed = r.result("unused");
        assertTrue(!parsed.isValid());
        assertEquals(FailureKind.CONFIGURATION, parsed.asFailure().kind());
        assertTrue(parsed.asFailure().reason().startsWith("diagnostics[3].config.items[1]: must be a mapping"));
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        StepConfigReader r = new StepConfigReader(new StepConfig(Map.of("qurey", "up"), "d[0].config"));
        r.rejectUnknownKeys(java.util.Set.of("query", "url"));
        assertEquals(
                List.of(new ConfigProblem("d[0].config.qurey", "unknown key 'qurey'", "known keys here: query, url")),
                r.problems());
    }
}

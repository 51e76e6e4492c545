package dev.runbookbot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private Set<Integer> parse(Object expectExit) {
        Map<String, Object> values = expectExit == null ? Map.of() : Map.of("expect_exit", expectExit);
        return ExitCodes.parse(new StepConfig(values, "remediations[0].action.config"), Set.of(0), problems);
    }

    @Test
    void readsOneCodeOrAListAndFallsBackWhenAbsent() {
        assertEquals(Set.of(0), parse(null));
        assertEquals(Set.of(3), parse(3));
        assertEquals(List.of(0, 1, 2), List.copyOf(parse(List.of(0, 1, 2.0))));
        assertEquals(List.of(), problems);
    }

    @Test
    void anythingElseIsOneProblemAndNoCodes() {
        for (Object bad : List.of(256, -1, 1.5, "0", List.of(), List.of(0, "one"))) {
            problems.clear();
            assertEquals(Set.of(), parse(bad), String.valueOf(bad));
            assertEquals(
                    List.of(new ConfigProblem(
                            "remediations[0].action.config.expect_exit",
                            "expect_exit must be an exit code from 0 to 255 or a list of them")),
                    problems,
                    String.valueOf(bad));
        }
    }

    @Test
    void describesOneCodeOrSeveral() {
        assertEquals("0", ExitCodes.describe(Set.of(0)));
        assertEquals("one of 0, 2", ExitCodes.describe(new LinkedHashSet<>(List.of(0, 2))));
    }
}

package dev.runbookbot.process;

import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code expect_exit} key of a step that runs a command ({@code shell_command}, {@code run_script}): one exit code
 * from 0 to 255, or a list of them.
 */
public final class ExitCodes {
    private static final String KEY = "expect_exit";

    private ExitCodes() {}

    /**
     * The codes {@code config} expects, {@code whenAbsent} when it has no {@code expect_exit}; empty, with one problem
     * added, when the value is not a code or a non-empty list of codes.
     */
    public static Set<Integer> parse(StepConfig config, Set<Integer> whenAbsent, List<ConfigProblem> problems) {
        Object raw = config.values().get(KEY);
        if (raw == null) {
            return whenAbsent;
        }
        List<?> codes = raw instanceof List<?> list ? list : List.of(raw);
        Set<Integer> result = new LinkedHashSet<>();
        for (Object code : codes) {
            if (!(code instanceof Number n
                    && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.longValue() >= 0
                    && n.longValue() <= 255)) {
                result.clear();
                break;
            }
            result.add(n.intValue());
        }
        if (result.isEmpty()) {
            problems.add(new ConfigProblem(
                    config.pathOf(KEY), "expect_exit must be an exit code from 0 to 255 or a list of them"));
            return Set.of();
        }
        return result;
    }

    /** The codes for a message: {@code 0}, or {@code one of 0, 1}. */
    public static String describe(Set<Integer> codes) {
        String listed = codes.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return codes.size() == 1 ? listed : "one of " + listed;
    }
}

package dev.runbookbot.remediate.silence;

import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code silence} action's config check, without its executor: lint runs it where a runbook is loaded, and it loads
 * no HTTP client (okhttp, Kotlin), which lint never does. The executor's own check is this one.
 */
public final class SilenceConfigCheck {
    private SilenceConfigCheck() {}

    /** Every problem in a silence's config, with paths as {@link StepConfig#pathOf} writes them; empty when valid. */
    public static List<ConfigProblem> problems(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        SilenceConfig.parse(config, problems);
        return List.copyOf(problems);
    }
}

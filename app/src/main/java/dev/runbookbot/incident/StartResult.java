package dev.runbookbot.incident;

import java.util.List;

/** The answer to a run request, given at once; the diagnosis itself continues in the background. */
public sealed interface StartResult {
    /** An incident was opened (or, for a repeated alert, the open one found) and its diagnosis started. */
    record Started(Incident incident, boolean duplicate) implements StartResult {}

    /** Nothing was started; {@code problems} say why, and {@code suggestions} list close matches (runbooks, steps). */
    record Refused(List<String> problems, List<String> suggestions) implements StartResult {
        public Refused {
            problems = List.copyOf(problems);
            suggestions = List.copyOf(suggestions);
        }
    }
}

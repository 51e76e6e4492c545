package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatPost;
import java.util.List;
import java.util.Optional;

/** The answer to a run request, given at once; the diagnosis itself continues in the background. */
public sealed interface StartResult {
    /**
     * An incident was opened (or, for a repeated alert, the open one found) and its diagnosis started; {@code thread}
     * is what became of its parent message when it was opened, empty for a duplicate.
     */
    record Started(Incident incident, boolean duplicate, Optional<ChatPost> thread) implements StartResult {
        public Started(Incident incident, boolean duplicate) {
            this(incident, duplicate, Optional.empty());
        }
    }

    /** Nothing was started; {@code problems} say why, and {@code suggestions} list close matches (runbooks, steps). */
    record Refused(List<String> problems, List<String> suggestions) implements StartResult {
        public Refused {
            problems = List.copyOf(problems);
            suggestions = List.copyOf(suggestions);
        }
    }
}

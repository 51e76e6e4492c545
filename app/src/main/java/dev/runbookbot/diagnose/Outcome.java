package dev.runbookbot.diagnose;

import java.util.List;
import java.util.Map;

/** What a {@link DiagnosticExecutor} returns: an observation with typed facts, or a classified failure. */
public sealed interface Outcome {
    /**
     * The step ran. {@code facts} are the variables interpret conditions see (names and types as the executor's
     * {@link DiagnosticExecutor#facts()} declares); {@code evidence} is a short human summary; {@code details} lists
     * the lines worth showing (series that breached, URLs that failed, matched log lines), most relevant first.
     */
    record Observed(Map<String, Object> facts, String evidence, List<String> details) implements Outcome {
        public Observed {
            facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
            details = List.copyOf(details);
        }
    }

    /** The step could not produce a reading; {@code reason} says what happened, in words a person at 3 AM can use. */
    record Failed(FailureKind kind, String reason) implements Outcome {}

    static Observed observed(Map<String, Object> facts, String evidence, List<String> details) {
        return new Observed(facts, evidence, details);
    }

    static Failed failed(FailureKind kind, String reason) {
        return new Failed(kind, reason);
    }
}

package dev.runbookbot.slack.command;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a {@code /runbook ...} command asks for, as read by {@link CommandGrammar}. */
sealed interface ParsedCommand {
    /** {@code run <runbook> [key=value ...] [--step <diagnostic>]}. */
    record Run(String runbookId, Map<String, String> params, Optional<String> step) implements ParsedCommand {
        public Run {
            Objects.requireNonNull(runbookId, "runbookId");
            params = Map.copyOf(params);
            Objects.requireNonNull(step, "step");
        }
    }

    /** {@code list [tag]}. */
    record ListRunbooks(Optional<String> tag) implements ParsedCommand {}

    /** {@code show <runbook>}. */
    record Show(String runbookId) implements ParsedCommand {}

    /** {@code status [incident]}. */
    record Status(Optional<String> incident) implements ParsedCommand {}

    /** {@code history [n]}. */
    record History(int count) implements ParsedCommand {}

    /** {@code reload}: load the runbook directory again now. */
    record Reload() implements ParsedCommand {}

    /** {@code resolve <incident> [reason ...]}, {@code reopen <incident>}, {@code escalate <incident> [reason ...]}. */
    record Lifecycle(Verb verb, String incident, String reason) implements ParsedCommand {
        /** What to do to the incident. */
        enum Verb {
            RESOLVE,
            REOPEN,
            ESCALATE
        }

        public Lifecycle {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(incident, "incident");
            reason = reason == null ? "" : reason.strip();
        }
    }

    /** {@code help}, or nothing at all. */
    record Help() implements ParsedCommand {}

    /** Not a command: {@code problem} says what is wrong, for the person who typed it (plain text, not escaped). */
    record Invalid(String problem) implements ParsedCommand {}
}

package dev.runbookbot.diagnose.logs;

import java.util.List;
import java.util.Optional;

/**
 * Checks where placeholders stand in a LogQL template beyond what the PromQL sink checks. LogQL reads some strings
 * as something other than a literal: the argument of {@code | regexp} (a regular expression), {@code | pattern} and
 * the {@code |>}/{@code !>} filters (pattern syntax with {@code <_>} captures), and {@code | line_format} /
 * {@code | label_format} (Go templates). A value placed there could change what the query matches or prints, so a
 * placeholder there is refused.
 */
final class LogqlPlacement {
    private static final List<String> NON_LITERAL_STAGES = List.of("regexp", "pattern", "line_format", "label_format");

    private LogqlPlacement() {}

    /** A message when a placeholder stands in a string LogQL does not read literally; empty otherwise. */
    static Optional<String> check(String source) {
        char quote = 0;
        int opened = -1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote == 0) {
                if (c == '"' || c == '`') {
                    quote = c;
                    opened = i;
                }
            } else if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '{' && source.startsWith("{{", i)) {
                Optional<String> stage = stageBefore(source.substring(0, opened));
                if (stage.isPresent()) {
                    return Optional.of("a {{ }} placeholder stands in the argument of " + stage.get()
                            + ", which Loki does not read as literal text; use a line filter such as |= \"...\" or a"
                            + " label matcher for alert data");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> stageBefore(String before) {
        String trimmed = before.stripTrailing();
        if (trimmed.endsWith("|>") || trimmed.endsWith("!>")) {
            return Optional.of(trimmed.substring(trimmed.length() - 2) + " (pattern filter)");
        }
        int pipe = trimmed.lastIndexOf('|');
        if (pipe < 0) {
            return Optional.empty();
        }
        String stage = trimmed.substring(pipe + 1).strip();
        for (String name : NON_LITERAL_STAGES) {
            if (stage.equals(name) || stage.startsWith(name + " ") || stage.startsWith(name + "\t")) {
                return Optional.of("| " + name);
            }
        }
        return Optional.empty();
    }
}

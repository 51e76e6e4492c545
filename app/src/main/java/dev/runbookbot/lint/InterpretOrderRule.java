package dev.runbookbot.lint;

import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Interpret conditions are tried critical, then warning, then healthy, and the first that holds wins; a later
 * condition that holds only when an earlier one does can never be reached. The rule is conservative, so it never
 * warns about a reachable condition: it compares the conditions' text as a conjunction of top-level {@code &&} terms
 * (whitespace and outer parentheses aside) and warns when every term of the earlier condition is also a term of the
 * later one (identical conditions included). It proves nothing about arithmetic ({@code value > 90.0} against
 * {@code value > 80.0}); those stay the author's, and the tests of {@code runbookctl test} catch them.
 */
final class InterpretOrderRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            InterpretSpec interpret = diagnostic.interpret();
            if (interpret == null) {
                continue;
            }
            String path = Findings.child(f.pathOf(diagnostic), "interpret");
            shadowed(f, path, "warning", interpret.warning(), List.of(entry("critical", interpret.critical())));
            shadowed(
                    f,
                    path,
                    "healthy",
                    interpret.healthy(),
                    List.of(entry("critical", interpret.critical()), entry("warning", interpret.warning())));
        }
    }

    private record Earlier(String name, Optional<String> condition) {}

    private static Earlier entry(String name, Optional<String> condition) {
        return new Earlier(name, condition);
    }

    private static void shadowed(
            Findings f, String path, String name, Optional<String> condition, List<Earlier> earlier) {
        if (condition.isEmpty() || condition.get().isBlank()) {
            return;
        }
        Set<String> terms = terms(condition.get());
        for (Earlier before : earlier) {
            if (before.condition().isEmpty() || before.condition().get().isBlank()) {
                continue;
            }
            if (terms.containsAll(terms(before.condition().get()))) {
                f.warning(
                        Findings.child(path, name),
                        "'" + name + "' can never be reached: '" + before.name() + "' is checked first and holds"
                                + " whenever it does (`"
                                + before.condition().get().strip() + "`)",
                        "conditions are tried critical, warning, healthy and the first that holds wins; make '" + name
                                + "' exclude what '" + before.name() + "' covers");
                return;
            }
        }
    }

    /** The top-level {@code &&} terms of a condition, each with whitespace collapsed and outer parentheses removed. */
    static Set<String> terms(String condition) {
        Set<String> terms = new TreeSet<>();
        for (String term : splitTopLevel(stripOuter(normalize(condition)))) {
            terms.add(stripOuter(term.strip()));
        }
        return terms;
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String stripOuter(String text) {
        String t = text.strip();
        while (t.startsWith("(") && t.endsWith(")") && closes(t)) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /** The opening parenthesis at 0 is closed by the last character (not earlier, as in {@code (a) || (b)}). */
    private static boolean closes(String t) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i < t.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static List<String> splitTopLevel(String t) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && c == '|' && i + 1 < t.length() && t.charAt(i + 1) == '|') {
                return List.of(t); // a top-level || makes the whole condition one term
            } else if (depth == 0 && c == '&' && i + 1 < t.length() && t.charAt(i + 1) == '&') {
                parts.add(t.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        parts.add(t.substring(start));
        return parts;
    }
}

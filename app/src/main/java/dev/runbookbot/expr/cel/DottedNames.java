package dev.runbookbot.expr.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a label or annotation name with dots, slashes or dashes written after a dot, such as
 * {@code labels.app.kubernetes.io/name}: CEL reads that as the label {@code app}, then fields of its text and a
 * division, so the checker's errors would not say what went wrong. Each one is reported with the form that reads the
 * name, {@code labels['app.kubernetes.io/name']}. A method call on a label ({@code labels.team.startsWith('a')}) is
 * left alone.
 */
final class DottedNames {
    private static final Pattern DOTTED =
            Pattern.compile("(?<![\\w.])(labels|annotations)\\.([A-Za-z_]\\w*+(?:[./-][A-Za-z_]\\w*+)++)(?![\\w(])");

    private DottedNames() {}

    /** A dotted name at {@code [start, end)} of the text, and how to read it. */
    record DottedName(int start, int end, String written, String bracketed) {
        Edit fix() {
            return new Edit(start, end, bracketed);
        }
    }

    static List<DottedName> find(String text) {
        LiteralMask mask = LiteralMask.of(text);
        List<DottedName> found = new ArrayList<>();
        Matcher m = DOTTED.matcher(text);
        while (m.find()) {
            if (mask.isCode(m.start(), m.end())) {
                String name = m.group(2).replace("\\", "\\\\").replace("'", "\\'");
                found.add(new DottedName(m.start(), m.end(), m.group(), m.group(1) + "['" + name + "']"));
            }
        }
        return found;
    }
}

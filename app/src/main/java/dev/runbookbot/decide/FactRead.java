package dev.runbookbot.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of a step's fact in a condition's text, {@code diagnostics.<step>.<fact>} (or the index forms {@code
 * diagnostics['step']} and {@code ['fact']}), with where the step and the fact stand in the text: what lint checks
 * against the step's type and what a refused precondition shows the values of.
 */
public record FactRead(String step, String fact, int stepOffset, int factOffset) {
    private static final Pattern READ =
            Pattern.compile("diagnostics\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])\\s*"
                    + "(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");

    /** Every read in {@code source}, in order (a read inside a string literal counts too: lint errs on the safe side). */
    public static List<FactRead> in(String source) {
        List<FactRead> reads = new ArrayList<>();
        Matcher m = READ.matcher(source);
        while (m.find()) {
            int stepGroup = m.group(1) != null ? 1 : 2;
            int factGroup = m.group(3) != null ? 3 : 4;
            reads.add(new FactRead(m.group(stepGroup), m.group(factGroup), m.start(stepGroup), m.start(factGroup)));
        }
        return List.copyOf(reads);
    }

    @Override
    public String toString() {
        return "diagnostics." + step + "." + fact;
    }
}

package dev.runbookbot.expr.cel;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the seed's JavaScript-style conditions: {@code ===} becomes {@code ==} and {@code !==} becomes {@code !=},
 * outside string literals and comments only. Nothing else is rewritten: any other difference is reported as an error
 * with a hint, because a guess about meaning is worse than a clear message.
 */
final class SeedSyntax {
    private SeedSyntax() {}

    /** The canonical text and, when something was rewritten, a note that shows the exact rewrite. */
    record Rewrite(EditedText text, List<String> notes) {
        Rewrite {
            notes = List.copyOf(notes);
        }
    }

    static Rewrite rewrite(String source) {
        LiteralMask mask = LiteralMask.of(source);
        List<Edit> edits = new ArrayList<>();
        boolean strictEquals = false;
        boolean strictNotEquals = false;
        int i = 0;
        while (i + 3 <= source.length()) {
            String three = source.substring(i, i + 3);
            if ((three.equals("===") || three.equals("!==")) && mask.isCode(i, i + 3)) {
                edits.add(new Edit(i, i + 3, three.substring(0, 2)));
                strictEquals |= three.equals("===");
                strictNotEquals |= three.equals("!==");
                i += 3;
            } else {
                i++;
            }
        }
        EditedText text = EditedText.of(source).edit(edits);
        if (edits.isEmpty()) {
            return new Rewrite(text, List.of());
        }
        String operators =
                strictEquals && strictNotEquals ? "'===' and '!==' are" : strictEquals ? "'===' is" : "'!==' is";
        return new Rewrite(text, List.of(operators + " JavaScript; this condition was read as: " + text.text()));
    }
}

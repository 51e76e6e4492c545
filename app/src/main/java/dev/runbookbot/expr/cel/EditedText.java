package dev.runbookbot.expr.cel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A text derived from an original source by edits, which remembers for every character where it came from, so an error
 * found in the edited text is reported at the right offset of the source the author wrote.
 */
final class EditedText {
    private final String original;
    private final String text;
    private final int[] toOriginal; // text.length() + 1 entries

    private EditedText(String original, String text, int[] toOriginal) {
        this.original = original;
        this.text = text;
        this.toOriginal = toOriginal;
    }

    static EditedText of(String source) {
        int[] map = new int[source.length() + 1];
        for (int i = 0; i < map.length; i++) {
            map[i] = i;
        }
        return new EditedText(source, source, map);
    }

    String original() {
        return original;
    }

    String text() {
        return text;
    }

    boolean isEdited() {
        return !text.equals(original);
    }

    /** The offset in the original source of the character at {@code offset} in this text. */
    int originalOffset(int offset) {
        if (offset < 0) {
            return -1;
        }
        return toOriginal[Math.min(offset, text.length())];
    }

    /**
     * Applies non-overlapping {@code edits} (offsets in this text). A replaced character maps to the character it
     * replaced, as far as the replacement is not longer than the range; the rest map to the range's last character.
     */
    EditedText edit(List<Edit> edits) {
        if (edits.isEmpty()) {
            return this;
        }
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start));
        StringBuilder out = new StringBuilder(text.length() + 16);
        List<Integer> map = new ArrayList<>(text.length() + 16);
        int at = 0;
        for (Edit edit : sorted) {
            if (edit.start() < at || edit.end() > text.length()) {
                throw new IllegalArgumentException("overlapping or out-of-range edit " + edit);
            }
            for (; at < edit.start(); at++) {
                out.append(text.charAt(at));
                map.add(toOriginal[at]);
            }
            int width = edit.end() - edit.start();
            for (int k = 0; k < edit.replacement().length(); k++) {
                out.append(edit.replacement().charAt(k));
                map.add(toOriginal[edit.start() + (width == 0 ? 0 : Math.min(k, width - 1))]);
            }
            at = edit.end();
        }
        for (; at < text.length(); at++) {
            out.append(text.charAt(at));
            map.add(toOriginal[at]);
        }
        map.add(toOriginal[text.length()]);
        int[] composed = map.stream().mapToInt(Integer::intValue).toArray();
        return new EditedText(original, out.toString(), composed);
    }
}

package dev.runbookbot.expr.cel;

/** Replaces the characters {@code [start, end)} of a text with {@code replacement}. */
record Edit(int start, int end, String replacement) {
    Edit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range [" + start + ", " + end + ")");
        }
    }
}

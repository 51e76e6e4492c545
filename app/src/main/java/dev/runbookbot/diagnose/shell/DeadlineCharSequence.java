package dev.runbookbot.diagnose.shell;

/**
 * A view of text that stops a regular-expression search once a deadline has passed or the thread was interrupted.
 * {@link java.util.regex.Matcher} cannot be interrupted, and a pattern with nested quantifiers can backtrack for
 * minutes on a few kilobytes; reading the input through this view bounds that at the step's deadline.
 */
final class DeadlineCharSequence implements CharSequence {
    private final CharSequence text;
    private final long deadlineNanos;
    private int reads;

    DeadlineCharSequence(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xfff) == 0
                && (System.nanoTime() - deadlineNanos > 0
                        || Thread.currentThread().isInterrupted())) {
            throw new DeadlineExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** Thrown out of a match that ran past the deadline. */
    static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded() {
            super("regular expression ran past the step's deadline", null, false, false);
        }
    }
}

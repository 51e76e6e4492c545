package dev.runbookbot.secrets;

import java.util.Objects;

/**
 * Masks secret values in output that arrives in chunks (a process's stdout, a streamed HTTP body), including a value
 * split across two chunks. {@link #push} returns the masked text that is safe to pass on now and holds back the last
 * {@code longest value - 1} characters, the most a value that has begun but not yet ended can span, or more when the
 * text ends with the beginning of an encoded form of a value (base64, hex, URL-encoded); {@link #finish}
 * returns the rest once the stream ends. Concatenating every returned piece gives what {@link Redactor#redact} gives
 * for the whole text (markers aside where occurrences overlap across a boundary: everything is still masked).
 *
 * <p>Feed it decoded text and cap what it returns, never the other way round: a cap applied first can cut a value and
 * leave a prefix that no literal match will find. Memory is bounded by the chunk size plus the longest value.
 *
 * <p>Not thread-safe: one instance per stream, used by one thread at a time.
 */
public final class StreamRedactor {
    private final Redactor redactor;
    private final int tail;
    /** Text read but not yet decided, or decided only as part of a masked run that may continue. */
    private String carry = "";
    /** How many leading characters of {@link #carry} were already written (masked). */
    private int emitted;

    private boolean finished;

    StreamRedactor(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.tail = Math.max(0, redactor.longestValue() - 1);
    }

    /** Masks what can be decided after this chunk and returns it (possibly empty). */
    public String push(CharSequence chunk) {
        if (finished) {
            throw new IllegalStateException("this stream was finished");
        }
        if (redactor.masksNothing()) {
            return chunk.toString();
        }
        String text = carry + chunk;
        int limit = Math.max(0, text.length() - Math.max(tail, redactor.pendingPrefix(text)));
        return advance(text, limit);
    }

    /** Masks and returns everything still held back; the stream then takes no more chunks. */
    public String finish() {
        if (finished) {
            return "";
        }
        finished = true;
        if (redactor.masksNothing()) {
            return "";
        }
        String out = advance(carry, carry.length());
        carry = "";
        emitted = 0;
        return out;
    }

    private String advance(String text, int limit) {
        StringBuilder out = new StringBuilder(text.length());
        int decided = redactor.mask(text, emitted, limit, out);
        // Keep everything from the limit on: an occurrence may start there and end in the next chunk. The part
        // before `decided` was written already (it lies in a masked run) and is kept only to be read.
        int keepFrom = Math.min(limit, decided);
        carry = text.substring(keepFrom);
        emitted = decided - keepFrom;
        return out.toString();
    }
}

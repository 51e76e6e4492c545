package dev.runbookbot.process;

import java.util.Locale;
import java.util.Objects;

/**
 * What was kept of one output stream. When the stream was larger than the cap, {@code head} holds its beginning and
 * {@code tail} its end, both cut on UTF-8 character boundaries, and {@code droppedBytes} counts what lies between
 * (including the bytes of a character split by a cut). Otherwise {@code head} is the whole stream and {@code tail} is
 * empty. Invalid UTF-8 is decoded as U+FFFD.
 *
 * @param head the first part of the stream (all of it when nothing was dropped)
 * @param tail the last part of the stream, empty when nothing was dropped
 * @param totalBytes how many bytes the process wrote
 * @param droppedBytes how many of them were counted but not kept
 * @param lineCount how many lines the whole stream had, dropped bytes included (a last line without a newline counts)
 */
public record CapturedOutput(String head, String tail, long totalBytes, long droppedBytes, long lineCount) {
    public CapturedOutput {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
    }

    public static CapturedOutput empty() {
        return new CapturedOutput("", "", 0, 0, 0);
    }

    /** True when part of the stream was dropped. */
    public boolean truncated() {
        return droppedBytes > 0;
    }

    /** The kept text; when truncated, head and tail joined by a line saying how many bytes were omitted. */
    public String text() {
        if (!truncated()) {
            return head + tail;
        }
        return head + omissionMarker(droppedBytes) + tail;
    }

    /** The line placed between head and tail in {@link #text()}. */
    public static String omissionMarker(long droppedBytes) {
        return String.format(Locale.ROOT, "\n[... %,d bytes omitted ...]\n", droppedBytes);
    }
}

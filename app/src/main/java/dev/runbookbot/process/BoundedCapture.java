package dev.runbookbot.process;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An output stream that keeps the first {@code headCapacity} and the last {@code tailCapacity} bytes written to it and
 * only counts the rest, so a child that prints a gigabyte costs a fixed amount of memory. Thread-safe: the pump thread
 * writes while the runner may already take a snapshot.
 */
final class BoundedCapture extends OutputStream {
    private final byte[] head;
    private final byte[] tail; // ring buffer
    private int headLength;
    private long tailWritten; // bytes ever written to the ring
    private long total;
    private long newlines;
    private int lastByte = -1;

    BoundedCapture(int maxBytes) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be at least 2");
        }
        this.head = new byte[maxBytes - maxBytes / 2];
        this.tail = new byte[maxBytes / 2];
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        total += length;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                newlines++;
            }
        }
        lastByte = bytes[offset + length - 1] & 0xff;
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        int rest = length - toHead;
        if (rest == 0 || tail.length == 0) {
            return;
        }
        int from = offset + toHead;
        if (rest > tail.length) { // only the last tail.length bytes can survive
            tailWritten += rest - tail.length;
            from += rest - tail.length;
            rest = tail.length;
        }
        for (int i = 0; i < rest; i++) {
            tail[(int) ((tailWritten + i) % tail.length)] = bytes[from + i];
        }
        tailWritten += rest;
    }

    /** What has been kept so far, decoded. */
    synchronized CapturedOutput snapshot() {
        long lines = newlines + (total > 0 && lastByte != '\n' ? 1 : 0);
        int kept = (int) Math.min(tailWritten, tail.length);
        byte[] tailBytes = new byte[kept];
        long start = tailWritten - kept;
        for (int i = 0; i < kept; i++) {
            tailBytes[i] = tail[(int) ((start + i) % tail.length)];
        }
        long dropped = total - headLength - kept;
        if (dropped == 0) {
            byte[] all = Arrays.copyOf(head, headLength + kept);
            System.arraycopy(tailBytes, 0, all, headLength, kept);
            return new CapturedOutput(new String(all, StandardCharsets.UTF_8), "", total, 0, lines);
        }
        int headEnd = completeSequencesEnd(head, headLength);
        int tailStart = firstSequenceStart(tailBytes);
        dropped += (headLength - headEnd) + tailStart;
        return new CapturedOutput(
                new String(head, 0, headEnd, StandardCharsets.UTF_8),
                new String(tailBytes, tailStart, kept - tailStart, StandardCharsets.UTF_8),
                total,
                dropped,
                lines);
    }

    /** The length of {@code bytes[0, length)} without a UTF-8 sequence that the cut left incomplete. */
    static int completeSequencesEnd(byte[] bytes, int length) {
        int i = length - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xc0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return length;
        }
        int lead = bytes[i] & 0xff;
        int needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
        if (lead < 0x80 || continuation >= needed) {
            return length; // complete, or not UTF-8 at all: leave it to the decoder
        }
        return i;
    }

    /** The index of the first byte in {@code bytes} that does not continue a sequence cut off in front of it. */
    static int firstSequenceStart(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && i < 3 && (bytes[i] & 0xc0) == 0x80) {
            i++;
        }
        return i;
    }
}

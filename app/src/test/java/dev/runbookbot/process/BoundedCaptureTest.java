package dev.runbookbot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedCaptureTest {

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    @Test
    void keepsEverythingUpToTheCap() {
        BoundedCapture capture = new BoundedCapture(10);
        capture.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8), 0, 8);
        capture.write("xy".getBytes(StandardCharsets.UTF_8), 0, 2);

        CapturedOutput out = capture.snapshot();

        assertEquals("one\ntwo\nxy", out.text());
        assertEquals("", out.tail());
        assertEquals(10, out.totalBytes());
        assertEquals(0, out.droppedBytes());
        assertEquals(3, out.lineCount());
        assertFalse(out.truncated());
    }

    @Test
    void keepsHeadAndTailAndCountsTheMiddle() {
        BoundedCapture capture = new BoundedCapture(100);
        byte[] data = pattern(10_000);
        Random random = new Random(7);
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, 1 + random.nextInt(300));
            capture.write(data, at, n);
            at += n;
        }

        CapturedOutput out = capture.snapshot();

        assertEquals(new String(data, 0, 50, StandardCharsets.US_ASCII), out.head());
        assertEquals(new String(data, 10_000 - 50, 50, StandardCharsets.US_ASCII), out.tail());
        assertEquals(10_000, out.totalBytes());
        assertEquals(9_900, out.droppedBytes());
        assertTrue(out.truncated());
        assertEquals(out.head() + "\n[... 9,900 bytes omitted ...]\n" + out.tail(), out.text());
    }

    @Test
    void oneLargeWriteKeepsTheSameBytesAsManySmallOnes() {
        byte[] data = pattern(5_000);
        BoundedCapture large = new BoundedCapture(64);
        large.write(data, 0, data.length);
        BoundedCapture small = new BoundedCapture(64);
        for (byte b : data) {
            small.write(b);
        }

        assertEquals(small.snapshot(), large.snapshot());
    }

    @Test
    void cutsOnlyOnUtf8CharacterBoundaries() {
        BoundedCapture capture = new BoundedCapture(11); // head 6 bytes, tail 5 bytes
        byte[] text = "é".repeat(100).getBytes(StandardCharsets.UTF_8); // 200 bytes, 2 per character
        capture.write(text, 0, text.length);

        CapturedOutput out = capture.snapshot();

        assertEquals("ééé", out.head());
        assertEquals("éé", out.tail()); // the tail's first byte continued a character that was cut
        assertEquals(200 - 6 - 4, out.droppedBytes());
        assertFalse(out.text().contains("\uFFFD"));
    }

    @Test
    void dropsACharacterThatTheHeadCutInHalf() {
        BoundedCapture capture = new BoundedCapture(8); // head 4 bytes, tail 4 bytes
        byte[] text = "€€€€€".getBytes(StandardCharsets.UTF_8); // 3 bytes each
        capture.write(text, 0, text.length);

        CapturedOutput out = capture.snapshot();

        assertEquals("€", out.head());
        assertEquals("€", out.tail());
        assertEquals(15 - 3 - 3, out.droppedBytes());
    }

    @Test
    void countsLinesInTheDroppedPartToo() {
        BoundedCapture capture = new BoundedCapture(4);
        byte[] lines = "a\n".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        capture.write(lines, 0, lines.length);
        capture.write("last".getBytes(StandardCharsets.UTF_8), 0, 4);

        assertEquals(1_001, capture.snapshot().lineCount());
    }

    @Test
    void leavesInvalidUtf8ToTheDecoder() {
        BoundedCapture capture = new BoundedCapture(16);
        byte[] bytes = {'o', 'k', (byte) 0xff, '!'};
        capture.write(bytes, 0, bytes.length);

        assertEquals("ok\uFFFD!", capture.snapshot().text());
    }
}

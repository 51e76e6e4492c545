package dev.runbookbot.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Masking output that arrives in chunks, including values split between chunks. */
class StreamRedactorTest {
    private static Secret s(String name, String value) {
        return new Secret(name, value);
    }

    private static String streamed(Redactor r, List<String> chunks) {
        StreamRedactor stream = r.stream();
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            out.append(stream.push(chunk));
        }
        return out.append(stream.finish()).toString();
    }

    @Test
    void aValueSplitAtEveryPossiblePointIsMasked() {
        Redactor r = Redactor.of(List.of(s("db-password", "hunter22")));
        String text = "connect password=hunter22 ok";
        for (int cut = 0; cut <= text.length(); cut++) {
            assertEquals(
                    "connect password=<secret:db-password> ok",
                    streamed(r, List.of(text.substring(0, cut), text.substring(cut))),
                    "cut at " + cut);
        }
    }

    @Test
    void oneCharacterAtATime() {
        Redactor r = Redactor.of(List.of(s("a", "p@ss+++word"), s("b", "word-2")));
        String text = "p@ss+++word word-2 p@ss+++wor";
        List<String> chunks = new ArrayList<>();
        for (char c : text.toCharArray()) {
            chunks.add(String.valueOf(c));
        }
        assertEquals("<secret:a> <secret:b> p@ss+++wor", streamed(r, chunks));
    }

    @Test
    void holdsBackOnlyWhatAValueInProgressCouldSpan() {
        Redactor r = Redactor.of(List.of(s("db-password", "hunter22")));
        StreamRedactor stream = r.stream();
        // 18 characters in, the last 7 (the longest value minus one) held back.
        assertEquals("line one\nli", stream.push("line one\nline two\n"));
        assertEquals("ne two\n", stream.finish());
        assertEquals("", stream.finish());
        assertThrows(IllegalStateException.class, () -> stream.push("more"));
    }

    @Test
    void aValueInTheHeldBackTailIsMaskedAtTheEnd() {
        Redactor r = Redactor.of(List.of(s("db-password", "hunter22")));
        StreamRedactor stream = r.stream();
        assertEquals("", stream.push("hunt"));
        assertEquals("", stream.push("er2"));
        assertEquals("<secret:db-password>", stream.push("2") + stream.finish());
    }

    @Test
    void withNoSecretsChunksPassStraightThrough() {
        StreamRedactor stream = Redactor.none().stream();
        assertEquals("abc", stream.push("abc"));
        assertEquals("", stream.finish());
    }

    /**
     * For random texts, secrets and chunkings: streaming gives exactly what masking the whole text gives when values
     * do not overlap, and always leaves exactly the same characters unmasked when they do.
     */
    @Test
    void streamingAgreesWithMaskingTheWholeText() {
        Random random = new Random(20240501L);
        for (int round = 0; round < 2_000; round++) {
            boolean overlapping = round % 2 == 1;
            List<Secret> secrets = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                String value = overlapping
                        ? word(random, "ab", 4 + random.nextInt(5))
                        : "#" + i + word(random, "abc", 3 + random.nextInt(6)) + "!";
                secrets.add(s("s" + i, value));
            }
            Redactor r = Redactor.of(secrets);
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(12);
            for (int i = 0; i < parts; i++) {
                text.append(
                        random.nextBoolean()
                                ? secrets.get(random.nextInt(count)).reveal()
                                : word(random, overlapping ? "abx" : "abc #!", random.nextInt(6)));
            }
            List<String> chunks = new ArrayList<>();
            int at = 0;
            while (at < text.length()) {
                int size = 1 + random.nextInt(10);
                chunks.add(text.substring(at, Math.min(text.length(), at + size)));
                at += size;
            }
            String whole = r.redact(text.toString());
            String streamed = streamed(r, chunks);
            String context = "round " + round + ": "
                    + secrets.stream().map(Secret::reveal).toList() + " in '" + text + "' chunks " + chunks;
            if (overlapping) {
                assertEquals(unmasked(whole), unmasked(streamed), context);
            } else {
                assertEquals(whole, streamed, context);
            }
            for (Secret secret : secrets) {
                assertFalse(streamed.contains(secret.reveal()), context);
            }
        }
    }

    /** The text with each run of markers replaced by one bar: what escaped masking, and where runs were. */
    private static String unmasked(String redacted) {
        return redacted.replaceAll("(<secret:s[0-9]+>)+", "|");
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}

package dev.runbookbot.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replaces every occurrence of every known secret value in a text with {@code <secret:NAME>}. Apply it at every sink:
 * before output is truncated (a cut can split a value and leave a prefix no literal match will find), before it is
 * stored, logged, or rendered for Slack.
 *
 * <p>Matching is literal: a value is compared character by character, never turned into a regular expression, so
 * values full of metacharacters ({@code +++}, {@code $1}, {@code \Q}) are masked like any other (Rundeck's runner
 * masking leaked values containing {@code +++}). At each position the longest value that starts
 * there wins, so a secret that contains another is masked whole. Where occurrences overlap ({@code abcd} and {@code
 * cdef} in {@code abcdef}) every character either covers is masked: the first occurrence gives the marker and the
 * overlapping rest is absorbed into it. A value that appears twice in a row gives two markers.
 *
 * <p>Values shorter than {@link #MIN_MASKED_LENGTH} characters are not masked: replacing every {@code a} or {@code 42}
 * in output would mangle ordinary text, and the pattern of the replacements would give the value away anyway. They are
 * listed by {@link #unmaskable()} so the caller can warn; the secret store refuses to keep such values at all. Each
 * value is also masked in the forms it is commonly printed in ({@link SecretEncodings}: URL-encoded, base64 and
 * base64url, also inside a longer encoded text such as a Basic auth header of {@code user:secret}, and hex), with the
 * same marker; an encoded form shorter than {@link #MIN_MASKED_LENGTH} is not masked.
 *
 * <p>For output that arrives in pieces, {@link #stream()} masks values split across chunks. Immutable and thread-safe.
 */
public final class Redactor {
    /** The shortest value that is masked; shorter ones are {@linkplain #unmaskable() reported}, not masked. */
    public static final int MIN_MASKED_LENGTH = 4;

    private static final Redactor NONE = new Redactor(Map.of(), 0, 0, List.of(), 0);

    /** Values to look for, grouped by first character, longest first within each group. */
    private final Map<Character, Candidate[]> byFirstChar;

    private final int longest;
    /** The longest text any candidate matches (an encoded form may be longer than every value). */
    private final int longestMatch;

    private final List<String> unmaskable;
    private final int count;

    private record Candidate(String value, String marker) {}

    private Redactor(
            Map<Character, Candidate[]> byFirstChar,
            int longest,
            int longestMatch,
            List<String> unmaskable,
            int count) {
        this.byFirstChar = byFirstChar;
        this.longest = longest;
        this.longestMatch = longestMatch;
        this.unmaskable = unmaskable;
        this.count = count;
    }

    /** A redactor that changes nothing. */
    public static Redactor none() {
        return NONE;
    }

    /**
     * A redactor for these secrets. When two secrets share a value, the marker names the one whose name sorts first.
     */
    public static Redactor of(Collection<Secret> secrets) {
        TreeMap<String, String> nameByValue = new TreeMap<>();
        List<String> tooShort = new ArrayList<>();
        secrets.stream().sorted(Comparator.comparing(Secret::name)).forEach(secret -> {
            String value = secret.reveal();
            if (value.length() < MIN_MASKED_LENGTH) {
                if (!tooShort.contains(secret.name())) {
                    tooShort.add(secret.name());
                }
            } else {
                nameByValue.putIfAbsent(value, secret.name());
            }
        });
        if (nameByValue.isEmpty() && tooShort.isEmpty()) {
            return NONE;
        }
        int longest = 0;
        TreeMap<String, String> nameByMatch = new TreeMap<>(nameByValue);
        for (Map.Entry<String, String> entry : nameByValue.entrySet()) {
            longest = Math.max(longest, entry.getKey().length());
            for (String encoded : SecretEncodings.of(entry.getKey())) {
                if (encoded.length() >= MIN_MASKED_LENGTH) {
                    nameByMatch.putIfAbsent(encoded, entry.getValue());
                }
            }
        }
        Map<Character, List<Candidate>> groups = new HashMap<>();
        int longestMatch = 0;
        for (Map.Entry<String, String> entry : nameByMatch.entrySet()) {
            String value = entry.getKey();
            groups.computeIfAbsent(value.charAt(0), c -> new ArrayList<>())
                    .add(new Candidate(value, marker(entry.getValue())));
            longestMatch = Math.max(longestMatch, value.length());
        }
        Map<Character, Candidate[]> byFirstChar = new HashMap<>();
        groups.forEach((first, candidates) -> byFirstChar.put(
                first,
                candidates.stream()
                        .sorted(Comparator.comparingInt(
                                        (Candidate c) -> c.value().length())
                                .reversed())
                        .toArray(Candidate[]::new)));
        return new Redactor(Map.copyOf(byFirstChar), longest, longestMatch, List.copyOf(tooShort), nameByValue.size());
    }

    /** The marker that stands for the secret {@code name} in redacted text: {@code <secret:NAME>}. */
    public static String marker(String name) {
        return "<secret:" + name + ">";
    }

    /** {@code text} with every occurrence of every maskable value replaced by its marker. */
    public String redact(String text) {
        if (count == 0 || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        mask(text, 0, text.length(), out);
        return out.toString();
    }

    /**
     * Masks, then keeps at most {@code maxChars} characters, never cutting a marker in two: mask first, so the cut
     * cannot split a secret value and leave an unmaskable prefix behind.
     */
    public String redactAndCap(String text, int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative, got " + maxChars);
        }
        String masked = redact(text);
        if (masked.length() <= maxChars) {
            return masked;
        }
        int cut = maxChars;
        int open = masked.lastIndexOf("<secret:", cut - 1);
        if (open >= 0) {
            int close = masked.indexOf('>', open);
            if (close >= cut) {
                cut = open;
            }
        }
        return masked.substring(0, cut);
    }

    /** A fresh masker for one stream of output (not thread-safe; one per stream). */
    public StreamRedactor stream() {
        return new StreamRedactor(this);
    }

    /** The length of the longest masked value, 0 when there is none. */
    public int longestValue() {
        return longest;
    }

    /**
     * The length of the longest end of {@code text} that an encoded form (or value) could continue: a suffix that is a
     * proper prefix of something masked. A stream holds at least that much back, so a form split across chunks is
     * still found whole.
     */
    int pendingPrefix(String text) {
        int n = text.length();
        for (int j = Math.max(0, n - (longestMatch - 1)); j < n; j++) {
            Candidate[] candidates = byFirstChar.get(text.charAt(j));
            if (candidates == null) {
                continue;
            }
            for (Candidate candidate : candidates) {
                String value = candidate.value();
                if (value.length() > n - j && value.regionMatches(0, text, j, n - j)) {
                    return n - j;
                }
            }
        }
        return 0;
    }

    /** Names of the secrets whose values are too short to mask, in name order. */
    public List<String> unmaskable() {
        return unmaskable;
    }

    public boolean masksNothing() {
        return count == 0;
    }

    /**
     * Appends the masked form of {@code text[emitted, E)} to {@code out} and returns E, the first position not
     * decided. Positions before {@code emitted} were already written by an earlier call (they lie inside a masked
     * run) and are only read to find occurrences that continue past them. E is at least {@code max(limit, emitted)},
     * extended to the end of a masked run that covers {@code limit}, so a run is never cut. Occurrences that would
     * extend past the end of {@code text} are not seen: the caller keeps enough of the tail to find them next time.
     */
    int mask(String text, int emitted, int limit, StringBuilder out) {
        int n = text.length();
        int stop = Math.max(limit, emitted);
        int reach = 0; // end of the coverage of all occurrences seen so far
        int chosenEnd = 0; // end of the occurrence the last marker stands for
        int i = 0;
        while (i < n && !(i >= stop && i >= reach)) {
            Candidate match = longestAt(text, i);
            if (match != null) {
                int end = i + match.value().length();
                if (i >= chosenEnd) {
                    if (i >= emitted) {
                        out.append(match.marker());
                    }
                    chosenEnd = end;
                }
                reach = Math.max(reach, end);
            }
            if (i >= reach && i >= emitted) {
                out.append(text.charAt(i));
            }
            i++;
        }
        return i;
    }

    private Candidate longestAt(String text, int i) {
        Candidate[] candidates = byFirstChar.get(text.charAt(i));
        if (candidates == null) {
            return null;
        }
        for (Candidate candidate : candidates) {
            String value = candidate.value();
            if (text.startsWith(value, i)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Redactor[" + count + (count == 1 ? " value" : " values") + "]";
    }
}

package dev.runbookbot.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The forms a secret value is commonly printed in besides itself, so that {@link Redactor} masks them too: a command
 * that prints a token URL-encoded in a query, base64-encoded in a config dump or a Basic auth header ({@code
 * base64(user:secret)}), or as hex leaks it as surely as one that prints it plainly.
 *
 * <ul>
 *   <li>URL-encoded: as a form ({@code +} for space), with {@code %20} for space, and as an RFC 3986 URI component,
 *       with upper- and lower-case hex digits.
 *   <li>base64 and base64url, padded and not, standing alone; and, for text where the value is encoded as part of a
 *       longer string ({@code user:secret} in a Basic header), the part of the encoding that depends on the value's
 *       bytes only, at each of the three byte alignments it can have (the characters at its edges, which mix in the
 *       neighbouring bytes, stay visible: at most 4 bits of the value each).
 *   <li>hex of its UTF-8 bytes, lower and upper case.
 * </ul>
 *
 * Only forms that differ from the value are returned. Stateless and thread-safe.
 */
final class SecretEncodings {
    private SecretEncodings() {}

    /** The encoded forms of {@code value}, in a stable order; the value itself is not among them. */
    static Set<String> of(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        String spaces = form.replace("+", "%20");
        String component = spaces.replace("*", "%2A").replace("%7E", "~");
        for (String url : new String[] {form, spaces, component}) {
            forms.add(url);
            forms.add(lowerCaseHexEscapes(url));
        }
        for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
            String padded = encoder.encodeToString(bytes);
            forms.add(padded);
            forms.add(stripPadding(padded));
            for (int offset = 0; offset < 3; offset++) {
                forms.add(alignedInside(encoder, bytes, offset));
            }
        }
        String hex = HexFormat.of().formatHex(bytes);
        forms.add(hex);
        forms.add(hex.toUpperCase(Locale.ROOT));
        forms.remove(value);
        forms.remove("");
        return forms;
    }

    /**
     * The characters of the base64 encoding of a text in which {@code bytes} start {@code offset} bytes after a
     * 3-byte boundary that depend on {@code bytes} alone: from the first character whose 6 bits all lie in them to the
     * last.
     */
    private static String alignedInside(Base64.Encoder encoder, byte[] bytes, int offset) {
        byte[] shifted = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, shifted, offset, bytes.length);
        String encoded = stripPadding(encoder.encodeToString(shifted));
        int first = (8 * offset + 5) / 6;
        int end = (8 * (offset + bytes.length)) / 6;
        return first < end ? encoded.substring(first, end) : "";
    }

    private static String stripPadding(String encoded) {
        int end = encoded.length();
        while (end > 0 && encoded.charAt(end - 1) == '=') {
            end--;
        }
        return encoded.substring(0, end);
    }

    private static String lowerCaseHexEscapes(String urlEncoded) {
        StringBuilder out = new StringBuilder(urlEncoded.length());
        for (int i = 0; i < urlEncoded.length(); i++) {
            char c = urlEncoded.charAt(i);
            if (c == '%' && i + 2 < urlEncoded.length()) {
                out.append('%').append(urlEncoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

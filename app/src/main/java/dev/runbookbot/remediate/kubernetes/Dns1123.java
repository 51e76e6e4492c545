package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.text.InvisibleCharacters;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The RFC 1123 name rules Kubernetes applies to object names: a namespace is a DNS label, a Deployment name a DNS
 * subdomain. A templated name is checked after rendering, so alert data can only ever name an object, never smuggle a
 * path, a selector or a second object into the request.
 */
final class Dns1123 {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    static final String LABEL_RULE = "an RFC 1123 label: at most 63 lowercase letters, digits and '-', starting and"
            + " ending with a letter or digit";
    static final String SUBDOMAIN_RULE = "an RFC 1123 subdomain: at most 253 lowercase letters, digits, '-' and '.',"
            + " each part starting and ending with a letter or digit";

    private Dns1123() {}

    /** Empty when {@code value} is a valid label, otherwise the rule it breaks. */
    static Optional<String> checkLabel(String value) {
        return value.length() <= 63 && LABEL.matcher(value).matches() ? Optional.empty() : Optional.of(LABEL_RULE);
    }

    /** Empty when {@code value} is a valid subdomain, otherwise the rule it breaks. */
    static Optional<String> checkSubdomain(String value) {
        return value.length() <= 253 && SUBDOMAIN.matcher(value).matches()
                ? Optional.empty()
                : Optional.of(SUBDOMAIN_RULE);
    }

    /**
     * {@code value} in double quotes for a message (an error the approver or the thread reads): control characters and
     * {@link InvisibleCharacters invisible ones} (bidirectional overrides, zero-width characters) written as visible
     * escapes, so a hostile name can neither turn the message around nor pass for another name; at most 80 characters.
     */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        int shown = value.offsetByCodePoints(0, Math.min(value.codePointCount(0, value.length()), 80));
        value.substring(0, shown).codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || InvisibleCharacters.is(c)) {
                sb.append(InvisibleCharacters.escaped(c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        if (value.length() > shown) {
            sb.append("…");
        }
        return sb.append('"').toString();
    }
}

package dev.runbookbot.secrets;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What the secret store accepts, checked before anything is encrypted, with messages that say what to change.
 *
 * <p>Names: letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, at most 100
 * characters; the same names map to {@code RUNBOOK_SECRET_*} environment variables. Values: at least {@link
 * Redactor#MIN_MASKED_LENGTH} characters, because a shorter value cannot be masked in output and so could not be kept
 * out of Slack and logs; at most {@link #MAX_VALUE_BYTES} bytes of UTF-8.
 */
public final class SecretRules {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SecretRules() {}

    /**
     * Returns {@code name} when it is a valid secret name.
     *
     * @throws IllegalArgumentException saying why it is not
     */
    public static String checkName(String name) {
        if (name.isEmpty()
                || name.length() > MAX_NAME_LENGTH
                || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + printable(name)
                    + "' is not a valid secret name: use letters, digits, '.', '_' and '-', starting with a letter or"
                    + " digit, at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    /**
     * Checks that {@code value} may be stored as the secret {@code name}.
     *
     * @throws IllegalArgumentException saying why not; the message never contains the value
     */
    public static void checkValue(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the value of secret '" + name + "' is empty; nothing was stored");
        }
        if (value.length() < Redactor.MIN_MASKED_LENGTH) {
            throw new IllegalArgumentException("the value of secret '" + name + "' is " + value.length()
                    + (value.length() == 1 ? " character" : " characters") + "; values shorter than "
                    + Redactor.MIN_MASKED_LENGTH + " characters are refused because they cannot be masked in output"
                    + " without mangling ordinary text and giving the value away");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("the value of secret '" + name + "' is " + bytes + " bytes; at most "
                    + MAX_VALUE_BYTES + " bytes are kept");
        }
    }

    /** The name as it may be echoed in a message: control characters shown as {@code ?}, cut at 120 characters. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(120).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}

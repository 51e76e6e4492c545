package dev.runbookbot.cli;

import dev.runbookbot.secrets.SecretRules;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where {@code runbookctl secret set} reads a value: never from the command line, where {@code ps} and {@code
 * /proc/PID/cmdline} show it to every user and shell history keeps it. At a terminal the value is
 * typed without echo; otherwise it is read from standard input up to its end, and one final line break ({@code \n} or
 * {@code \r\n}) is dropped, so {@code printf %s VALUE |} and {@code echo VALUE |} store the same value. Input must be
 * UTF-8 text of at most {@link SecretRules#MAX_VALUE_BYTES} bytes.
 */
public final class SecretInput {
    private final InputStream stdin;
    private final Console console;

    /**
     * @param stdin standard input, read when {@code console} is null
     * @param console the terminal ({@link System#console()}), or null when input is piped
     */
    public SecretInput(InputStream stdin, Console console) {
        this.stdin = stdin;
        this.console = console;
    }

    /**
     * Reads the value for the secret {@code name}.
     *
     * @throws IllegalArgumentException when the input is too long or not UTF-8
     */
    String read(String name) throws IOException {
        if (console != null) {
            char[] typed = console.readPassword("Value for secret %s (not shown): ", name);
            if (typed == null) {
                return "";
            }
            try {
                return new String(typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }
        byte[] bytes = stdin.readNBytes(SecretRules.MAX_VALUE_BYTES + 3);
        try {
            if (bytes.length > SecretRules.MAX_VALUE_BYTES + 2) {
                throw new IllegalArgumentException(
                        "the value for secret '" + name + "' on standard input is longer than "
                                + SecretRules.MAX_VALUE_BYTES + " bytes; nothing was stored");
            }
            String text;
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("the value for secret '" + name
                        + "' on standard input is not UTF-8 text (store binary values as base64); nothing was stored");
            }
            if (text.endsWith("\r\n")) {
                return text.substring(0, text.length() - 2);
            }
            if (text.endsWith("\n")) {
                return text.substring(0, text.length() - 1);
            }
            return text;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}

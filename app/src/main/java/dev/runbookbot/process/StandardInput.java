package dev.runbookbot.process;

import dev.runbookbot.secrets.Secret;
import java.util.Objects;

/** What a child reads on stdin. Without input stdin is closed at once, so a command that reads it sees end-of-file. */
public sealed interface StandardInput {
    /** Stdin is closed at start. */
    record Closed() implements StandardInput {}

    /** Stdin carries {@code text} as UTF-8, then end-of-file. */
    record Text(String text) implements StandardInput {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Stdin carries a secret (the way to hand a password to a child without putting it in argv). */
    record SecretText(Secret secret) implements StandardInput {
        public SecretText {
            Objects.requireNonNull(secret, "secret");
        }
    }

    static StandardInput closed() {
        return new Closed();
    }

    static StandardInput text(String text) {
        return new Text(text);
    }

    static StandardInput secret(Secret secret) {
        return new SecretText(secret);
    }
}

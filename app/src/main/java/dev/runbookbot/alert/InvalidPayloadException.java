package dev.runbookbot.alert;

/**
 * A webhook body that can never be processed, whatever the retries: not JSON, a version we do not read, a required
 * field missing or of the wrong type. The message says what is wrong and where (a JSON path such as {@code
 * alerts[1].startsAt}) and never quotes more of the body than the offending value; the web route answers 400 with it.
 */
public final class InvalidPayloadException extends Exception {
    public InvalidPayloadException(String reason) {
        super(reason);
    }

    public InvalidPayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The reason, for the 400 answer. */
    public String reason() {
        return getMessage();
    }
}

package dev.runbookbot.cli;

/**
 * A file named on the command line ({@code --alert}, {@code --fixture}) that cannot be used. The message names the
 * file and says what is wrong with it, for the person at the terminal; the command exits with the usage code 2.
 */
public final class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputFileException(String message) {
        super(message);
    }

    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

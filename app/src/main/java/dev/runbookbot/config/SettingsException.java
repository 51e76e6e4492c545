package dev.runbookbot.config;

/** Configuration that cannot be used; the message names the setting (file key and environment variable) and why. */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.runbookbot.process;

/**
 * A command could not be rendered for a run: a template value is missing, a value would be read as an option, or a
 * secret is not defined. The message names the element ({@code argv[2]: ...}, {@code secret_env.TOKEN}) and never holds
 * a secret value.
 */
public final class CommandTemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandTemplateException(String message) {
        super(message, null, false, false);
    }
}

package dev.runbookbot.runbook;

/**
 * A problem found in a {@link StepConfig}: {@code path} is the dotted path of the offending key (for example
 * {@code diagnostics[1].config.urls[0].url}), so the loader can point at its line and column.
 */
public record ConfigProblem(String path, String message, String hint) {
    public ConfigProblem(String path, String message) {
        this(path, message, "");
    }
}

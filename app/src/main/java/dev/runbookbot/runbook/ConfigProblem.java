package dev.runbookbot.runbook;

import java.util.Objects;

/**
 * A problem found in a {@link StepConfig}: {@code path} is the dotted path of the offending key (for example
 * {@code diagnostics[1].config.urls[0].url}), so the loader can point at its line and column. Most are errors; a
 * {@link Problem.Severity#WARNING warning} leaves the step runnable (for example a step that relies on a setting lint
 * cannot see).
 */
public record ConfigProblem(String path, String message, String hint, Problem.Severity severity) {
    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        hint = hint == null ? "" : hint;
    }

    public ConfigProblem(String path, String message, String hint) {
        this(path, message, hint, Problem.Severity.ERROR);
    }

    public ConfigProblem(String path, String message) {
        this(path, message, "", Problem.Severity.ERROR);
    }

    public static ConfigProblem warning(String path, String message, String hint) {
        return new ConfigProblem(path, message, hint, Problem.Severity.WARNING);
    }

    public boolean isError() {
        return severity == Problem.Severity.ERROR;
    }
}

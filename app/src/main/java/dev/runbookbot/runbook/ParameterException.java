package dev.runbookbot.runbook;

import java.util.List;

/** Parameters given to a run that do not fit what the runbook declares; {@link #problems()} lists every one. */
public final class ParameterException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ParameterException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

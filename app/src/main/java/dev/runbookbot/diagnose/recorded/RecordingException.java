package dev.runbookbot.diagnose.recorded;

import java.nio.file.Path;
import java.util.List;

/** A fixture file that cannot be used; {@link #problems()} lists every problem, each naming the key it concerns. */
public final class RecordingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final List<String> problems;

    public RecordingException(Path file, List<String> problems) {
        super("fixture " + file + ": " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }
}

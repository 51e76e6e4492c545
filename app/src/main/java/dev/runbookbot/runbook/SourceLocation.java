package dev.runbookbot.runbook;

import java.nio.file.Path;

/**
 * Where something stands in a runbook file: file, 1-based line and column. Every lint problem carries one, so a
 * runbook author can jump straight to it.
 */
public record SourceLocation(Path file, int line, int column) {
    public static SourceLocation unknown(Path file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : String.valueOf(file);
    }
}

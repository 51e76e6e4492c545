package dev.runbookbot.diagnose.shell;

import java.util.regex.Pattern;

/**
 * A named regular expression from a step's {@code patterns}, matched against one output stream. Its matches reach
 * conditions as {@code matches.<name>}, {@code match_counts.<name>} and {@code matched}.
 */
record OutputPattern(String name, Pattern regex, Stream stream) {
    /** Which stream a pattern reads. */
    enum Stream {
        STDOUT,
        STDERR
    }
}

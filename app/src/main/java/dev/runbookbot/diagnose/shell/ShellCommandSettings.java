package dev.runbookbot.diagnose.shell;

/**
 * Limits for {@code shell_command} steps, from configuration.
 *
 * @param defaultMaxOutputBytes bytes kept per stream when a step does not set {@code max_output_bytes}
 * @param maxOutputBytesLimit the largest {@code max_output_bytes} a step may ask for
 * @param defaultMaxLines stdout lines exposed as the {@code lines} fact when a step does not set {@code max_lines}
 */
public record ShellCommandSettings(int defaultMaxOutputBytes, int maxOutputBytesLimit, int defaultMaxLines) {
    /** The smallest {@code max_output_bytes} a step may ask for. */
    public static final int MIN_OUTPUT_BYTES = 1024;

    /** The largest {@code max_lines} a step may ask for. */
    public static final int MAX_LINES_LIMIT = 10_000;

    public ShellCommandSettings {
        if (defaultMaxOutputBytes < MIN_OUTPUT_BYTES || defaultMaxOutputBytes > maxOutputBytesLimit) {
            throw new IllegalArgumentException("defaultMaxOutputBytes must lie between " + MIN_OUTPUT_BYTES
                    + " and maxOutputBytesLimit (" + maxOutputBytesLimit + ")");
        }
        if (defaultMaxLines < 1 || defaultMaxLines > MAX_LINES_LIMIT) {
            throw new IllegalArgumentException("defaultMaxLines must lie between 1 and " + MAX_LINES_LIMIT);
        }
    }

    /** 64 KiB per stream by default, at most 1 MiB; 1,000 lines. */
    public static ShellCommandSettings defaults() {
        return new ShellCommandSettings(64 * 1024, 1024 * 1024, 1_000);
    }
}

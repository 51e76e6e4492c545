package dev.runbookbot.audit;

/**
 * The number of a remediation run. A Slack button carries it as an opaque reference: it names the run, it grants
 * nothing; authority is checked against the stored run when the click arrives.
 */
public record RunId(long value) {
    public RunId {
        if (value < 1) {
            throw new IllegalArgumentException("a run id is a positive number, got " + value);
        }
    }

    /**
     * Reads {@code run-7} or {@code 7}, as written by {@link #toString()} or put into a button value.
     *
     * @throws IllegalArgumentException naming the text when it is not a run id
     */
    public static RunId parse(String text) {
        String trimmed = text.strip();
        String digits = trimmed.startsWith("run-") ? trimmed.substring(4) : trimmed;
        try {
            return new RunId(Long.parseLong(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a run id: expected a number such as run-7", e);
        }
    }

    @Override
    public String toString() {
        return "run-" + value;
    }
}

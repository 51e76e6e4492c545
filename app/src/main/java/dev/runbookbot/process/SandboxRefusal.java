package dev.runbookbot.process;

/** A sandbox cannot run a step as it asks; the message says what and why, and the step does not start. */
final class SandboxRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    SandboxRefusal(String message) {
        super(message);
    }
}

package dev.runbookbot.cli;

import picocli.CommandLine;

/**
 * Why a command stops before it has anything to report, with its exit code: {@link #usage} (2) for input the user can
 * correct (an unknown runbook, a bad parameter, an unusable file), {@link #cannotRun} (1) for a runbook or setup that
 * is not fit to run. Thrown inside a command's {@code call()} and turned into one message on stderr there.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CommandFailure usage(String message) {
        return new CommandFailure(CommandLine.ExitCode.USAGE, message);
    }

    static CommandFailure cannotRun(String message) {
        return new CommandFailure(CommandLine.ExitCode.SOFTWARE, message);
    }

    int exitCode() {
        return exitCode;
    }
}

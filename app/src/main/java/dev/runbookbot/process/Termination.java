package dev.runbookbot.process;

/** How a run ended. */
public enum Termination {
    /** The process exited by itself; the exit code is known. */
    EXITED,
    /** The timeout passed; the process tree was killed. */
    TIMED_OUT,
    /** The calling thread was interrupted; the process tree was killed. */
    CANCELLED,
    /** The process never started (no such program, not executable, bad working directory). */
    NOT_STARTED
}

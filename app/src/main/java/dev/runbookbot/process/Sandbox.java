package dev.runbookbot.process;

import java.util.Collection;

/**
 * One way of isolating a step's process: turns the command into the argv that runs it inside the sandbox. The
 * {@link ProcessRunner} then starts that argv as usual, so the process tree kill, the output caps and secret masking
 * apply to the sandbox exactly as to a plain process. Implementations are immutable and thread-safe.
 */
interface Sandbox {
    /**
     * The argv that runs {@code spec} in this sandbox as its {@link ProcessSpec#sandbox()} asks.
     *
     * @param program the program: its path on the host when {@link #findsProgramOnHost()}, else as the step wrote it
     * @param spec the command; its arguments are {@code argv[1..]}
     * @param environmentNames the variables the runner gives the process (a container passes them on by name)
     * @throws SandboxRefusal when the request cannot be honoured (a mount that does not exist or would show the bot's
     *     own files); the step then does not start
     */
    SandboxedCommand wrap(String program, ProcessSpec spec, Collection<String> environmentNames) throws SandboxRefusal;

    /** True when the program is looked up in the host's {@code PATH}; false when it lives in a container image. */
    boolean findsProgramOnHost();
}

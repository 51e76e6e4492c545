package dev.runbookbot.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs one argv command to completion, or to its timeout, and always returns a {@link ProcessResult}.
 *
 * <p>What every run gets, whatever the caller asks:
 *
 * <ul>
 *   <li>argv goes to the kernel as given; there is no shell. {@code argv[0]} is looked up in the configured
 *       {@code PATH} only; a missing program is a {@link Termination#NOT_STARTED} result.
 *   <li>the configured working directory and a clean environment: the base variables, the fixed {@code PATH}, then
 *       the spec's variables and secrets. Nothing leaks in from the JVM's environment.
 *   <li>with {@code setsid} configured, the child leads a session of its own; when the timeout passes or the calling
 *       thread is interrupted, the whole tree is killed (SIGTERM, grace, SIGKILL), see {@link ProcessTree}. Processes
 *       a command leaves running in its session after it exits are killed as well.
 *   <li>stdout and stderr are drained at once (a full 64 KiB pipe would otherwise stall the child) into bounded
 *       buffers, up to the pipes' real end-of-file ({@link EndOfFileStreamHandler}); the drain has a stop timeout, so
 *       a descendant that escaped and holds a pipe cannot block the caller, and the result then says that the output
 *       may be incomplete.
 *   <li>stdin is closed at start unless the spec gives input.
 * </ul>
 *
 * <p>A run blocks the calling thread for at most the spec's timeout plus
 * {@link ProcessRunnerSettings#cleanupAllowance()}. Thread-safe; one runner serves the whole bot.
 */
public final class ProcessRunner {
    private final ProcessRunnerSettings settings;
    private final ExecutableLookup lookup;
    private final Sandbox modeSandbox;
    private final Sandbox containers;

    public ProcessRunner(ProcessRunnerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lookup = new ExecutableLookup(settings.searchPath(), settings.workingDirectory());
        SandboxSettings sandbox = settings.sandbox();
        this.containers = new PodmanSandbox(sandbox);
        this.modeSandbox = switch (sandbox.mode()) {
            case BUBBLEWRAP -> new BubblewrapSandbox(sandbox, runsAsRoot(), settings.searchPath());
            case PODMAN -> containers;
            case NONE -> new HostProcess();
        };
    }

    /** Whether this JVM runs as root: then bubblewrap runs steps as the unprivileged step user. */
    static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    public ProcessRunnerSettings settings() {
        return settings;
    }

    public ProcessResult run(ProcessSpec spec) {
        long startNanos = System.nanoTime();
        String program = spec.argv().get(0);
        if (!Files.isDirectory(settings.workingDirectory())) {
            return ProcessResult.notStarted(
                    "working directory " + settings.workingDirectory() + " does not exist", since(startNanos));
        }
        if (settings.sessionLauncher().isPresent()
                && !Files.isExecutable(settings.sessionLauncher().get())) {
            return ProcessResult.notStarted(
                    "the session launcher " + settings.sessionLauncher().get() + " is not executable",
                    since(startNanos));
        }
        Sandbox sandbox = spec.sandbox().image().isPresent() ? containers : modeSandbox;
        String launched = program;
        if (sandbox.findsProgramOnHost()) {
            var executable = lookup.find(program);
            if (executable.isEmpty()) {
                return ProcessResult.notStarted(lookup.describeMissing(program), since(startNanos));
            }
            launched = executable.get().toString();
        }
        Map<String, String> environment = environmentOf(spec);
        SandboxedCommand sandboxed;
        try {
            sandboxed = sandbox.wrap(launched, spec, environment.keySet());
        } catch (SandboxRefusal e) {
            return ProcessResult.notStarted(e.getMessage(), since(startNanos));
        }
        if (!Files.isExecutable(Path.of(sandboxed.argv().get(0)))) {
            return ProcessResult.notStarted(
                    sandboxed.argv().get(0) + " is not installed (" + sandboxed.description() + ")", since(startNanos));
        }
        sandboxed.environment().forEach(environment::putIfAbsent);

        List<String> command = new ArrayList<>();
        settings.sessionLauncher().ifPresent(setsid -> command.addAll(List.of(setsid.toString(), "--wait", "--")));
        command.addAll(sandboxed.argv());

        BoundedCapture stdout = new BoundedCapture(spec.maxOutputBytes());
        BoundedCapture stderr = new BoundedCapture(spec.maxOutputBytes());
        String threadName = "process-" + baseName(program);
        PumpStreamHandler streams =
                new EndOfFileStreamHandler(stdout, stderr, stdinOf(spec.stdin()), threadName + "-pump");
        streams.setStopTimeout(settings.drainTimeout());
        ExactArgvExecutor executor =
                new ExactArgvExecutor(command, environment, settings.workingDirectory(), threadName);
        executor.setStreamHandler(streams);
        executor.setExitValues(null); // every exit code is a result, never an ExecuteException

        CompletableFuture<Void> finished = new CompletableFuture<>();
        try {
            executor.execute(new CommandLine(command.get(0)), Map.of(), new CompletionHandler(executor, finished));
        } catch (IOException e) {
            return ProcessResult.notStarted(describe(e), since(startNanos));
        }

        long deadline = startNanos + spec.timeout().toNanos();
        Process process;
        boolean interruptedWhileStarting = false;
        try {
            process = executor.started().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            return ProcessResult.notStarted(describe(e.getCause()), since(startNanos));
        } catch (InterruptedException e) {
            // Interrupted while the launch was reporting back: a process that did start is killed and counted below.
            Optional<Process> started = startedWithin(executor, settings.drainTimeout());
            if (started.isEmpty()) {
                return launchNotBack(executor, true, startNanos, sandboxed);
            }
            process = started.get();
            interruptedWhileStarting = true;
        } catch (TimeoutException e) {
            return launchNotBack(executor, false, startNanos, sandboxed);
        }

        ProcessTree tree = new ProcessTree(process.toHandle(), hasSession());
        boolean interrupted = interruptedWhileStarting;
        boolean exited = false;
        if (!interruptedWhileStarting) {
            try {
                exited = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        KillReport kill = exited ? tree.killLeftovers(settings.killGrace()) : tree.killAll(settings.killGrace());
        Duration duration = since(startNanos);
        interrupted |= Thread.interrupted(); // still drain the output; the flag is restored below
        boolean drained = awaitDrain(finished);
        interrupted |= Thread.interrupted();
        Termination termination =
                exited ? Termination.EXITED : interrupted ? Termination.CANCELLED : Termination.TIMED_OUT;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        CapturedOutput err = stderr.snapshot();
        OptionalInt exitCode = exited ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
        Optional<String> limitReached = exitCode.isPresent()
                ? sandboxed.limits().flatMap(limits -> LimitDiagnosis.explain(exitCode.getAsInt(), err.text(), limits))
                : Optional.empty();
        return new ProcessResult(
                termination,
                exitCode,
                duration,
                stdout.snapshot(),
                err,
                kill.killed(),
                kill.survivors(),
                drained,
                "",
                sandboxed.description(),
                limitReached);
    }

    /** The launch did not report back in time: the process is killed whenever it does appear. */
    private ProcessResult launchNotBack(
            ExactArgvExecutor executor, boolean interrupted, long startNanos, SandboxedCommand sandboxed) {
        executor.started().thenAccept(late -> new ProcessTree(late.toHandle(), hasSession()).killAll(Duration.ZERO));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new ProcessResult(
                interrupted ? Termination.CANCELLED : Termination.TIMED_OUT,
                OptionalInt.empty(),
                since(startNanos),
                CapturedOutput.empty(),
                CapturedOutput.empty(),
                0,
                List.of(),
                true,
                "",
                sandboxed.description(),
                Optional.empty());
    }

    /** The started process, waiting at most {@code wait} whatever interrupts arrive (the caller restores the flag). */
    private static Optional<Process> startedWithin(ExactArgvExecutor executor, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return Optional.of(executor.started().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                if (System.nanoTime() - end >= 0) {
                    return Optional.empty();
                }
            } catch (ExecutionException | TimeoutException e) {
                return Optional.empty();
            }
        }
    }

    private boolean hasSession() {
        return settings.sessionLauncher().isPresent();
    }

    /** Waits, within the drain timeout, for the pumps to reach end-of-file and the executor thread to finish. */
    private boolean awaitDrain(CompletableFuture<Void> finished) {
        try {
            finished.get(settings.drainTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finished.isDone();
        } catch (ExecutionException | TimeoutException e) {
            return finished.isDone();
        }
    }

    private Map<String, String> environmentOf(ProcessSpec spec) {
        Map<String, String> env = new LinkedHashMap<>(settings.baseEnvironment());
        env.put("PATH", settings.searchPath());
        env.putAll(spec.environment());
        spec.secretEnvironment().forEach((name, secret) -> env.put(name, secret.reveal()));
        return env;
    }

    private static InputStream stdinOf(StandardInput input) {
        if (input instanceof StandardInput.Text text) {
            return new ByteArrayInputStream(text.text().getBytes(StandardCharsets.UTF_8));
        }
        if (input instanceof StandardInput.SecretText secret) {
            return new ByteArrayInputStream(secret.secret().reveal().getBytes(StandardCharsets.UTF_8));
        }
        return null; // PumpStreamHandler closes the child's stdin
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecuteException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String baseName(String program) {
        String name = Path.of(program).getFileName() == null
                ? program
                : Path.of(program).getFileName().toString();
        return name.isEmpty() ? "child" : name;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Signals the end of the executor thread, and a launch failure to whoever waits for the start. */
    private static final class CompletionHandler implements ExecuteResultHandler {
        private final ExactArgvExecutor executor;
        private final CompletableFuture<Void> finished;

        CompletionHandler(ExactArgvExecutor executor, CompletableFuture<Void> finished) {
            this.executor = executor;
            this.finished = finished;
        }

        @Override
        public void onProcessComplete(int exitValue) {
            finished.complete(null);
        }

        @Override
        public void onProcessFailed(ExecuteException e) {
            executor.started().completeExceptionally(e); // no effect when the process did start
            finished.complete(null);
        }
    }
}

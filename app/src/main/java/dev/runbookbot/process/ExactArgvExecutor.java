package dev.runbookbot.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;

/**
 * A commons-exec executor that starts exactly the argv it was given and hands the started {@link Process} to the
 * runner.
 *
 * <p>commons-exec's own launch goes through {@link CommandLine}, which trims every argument and quotes arguments that
 * contain spaces, so {@code "  a b "} would not reach the child as written. This executor therefore builds the process
 * from the original list with {@link ProcessBuilder} (clean environment, fixed directory) and leaves commons-exec the
 * part it does well: the executor thread, stream pumping and the pump stop timeout. The runner enforces the timeout
 * itself and kills the whole tree; no {@code ExecuteWatchdog} is used, because it kills only the direct child.
 */
final class ExactArgvExecutor extends DefaultExecutor {
    private final List<String> argv;
    private final Map<String, String> environment;
    private final Path directory;
    private final String threadName;
    private final CompletableFuture<Process> started = new CompletableFuture<>();

    @SuppressWarnings("deprecation") // the public constructor is the only one a subclass can reach
    ExactArgvExecutor(List<String> argv, Map<String, String> environment, Path directory, String threadName) {
        super();
        this.argv = List.copyOf(argv);
        this.environment = Map.copyOf(environment);
        this.directory = directory;
        this.threadName = threadName;
    }

    /** Completes with the process once it has started, or exceptionally when it could not start. */
    CompletableFuture<Process> started() {
        return started;
    }

    @Override
    protected Process launch(CommandLine command, Map<String, String> env, Path workingDirectory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            started.complete(process);
            return process;
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    protected Process launch(CommandLine command, Map<String, String> env, File workingDirectory) throws IOException {
        return launch(command, env, workingDirectory.toPath());
    }

    @Override
    protected Thread createThread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, threadName);
        thread.setDaemon(true);
        return thread;
    }
}

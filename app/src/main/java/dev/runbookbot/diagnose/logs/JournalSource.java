package dev.runbookbot.diagnose.logs;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.text.DurationText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Searches the systemd journal by running {@code journalctl} as an argv list (never a shell string):
 * {@code journalctl --no-pager --quiet --output=cat --since=-<seconds>s [--unit=<unit>] [--grep=<pattern>]}, with a
 * fixed minimal environment. Output is read as it comes: every line is counted, the newest {@code limit} are kept, and
 * reading stops at {@value #MAX_OUTPUT_BYTES} bytes ({@code partial}). On timeout or interrupt the process and its
 * descendants are killed. {@code journalctl --grep} exits with 1 when nothing matched; that is zero matches, not an
 * error. A multi-line journal message counts as one line per line of text. Its output and errors are read on the
 * {@code outputReaders} the bot hands in (two tasks per search, each ending when journalctl closes its output); it
 * starts no thread of its own.
 */
final class JournalSource {
    static final long MAX_OUTPUT_BYTES = 16L * 1024 * 1024;
    private static final int MAX_STDERR_CHARS = 2000;

    private final Path journalctl;
    private final Executor outputReaders;

    JournalSource(Path journalctl, Executor outputReaders) {
        this.journalctl = journalctl;
        this.outputReaders = outputReaders;
    }

    /** The argv for {@code config}: one element per argument, values inside their own {@code --option=} element. */
    List<String> argv(LogSearchConfig.Journal config) {
        List<String> argv = new ArrayList<>(List.of(
                journalctl.toString(),
                "--no-pager",
                "--quiet",
                "--output=cat",
                "--since=-" + Math.max(1, config.since().toSeconds()) + "s"));
        config.unit().ifPresent(unit -> argv.add("--unit=" + unit));
        config.pattern().ifPresent(pattern -> argv.add("--grep=" + pattern));
        return argv;
    }

    Outcome search(LogSearchConfig.Journal config, Duration timeout) {
        if (!Files.isExecutable(journalctl)) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION,
                    "journalctl not found at " + journalctl + "; this machine has no systemd journal tools, use"
                            + " source: file or loki");
        }
        ProcessBuilder builder = new ProcessBuilder(argv(config));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("SYSTEMD_COLORS", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Outcome.failed(FailureKind.CONFIGURATION, "cannot run " + journalctl + ": " + e.getMessage());
        }
        OutputReader out = new OutputReader(process.getInputStream(), config.limit(), () -> kill(process));
        StringBuilder err = new StringBuilder();
        CompletableFuture<Void> outRead;
        CompletableFuture<Void> errRead;
        try {
            outRead = CompletableFuture.runAsync(out, outputReaders);
            errRead = CompletableFuture.runAsync(() -> readCapped(process.getErrorStream(), err), outputReaders);
        } catch (RejectedExecutionException e) {
            kill(process);
            return Outcome.failed(
                    FailureKind.INTERNAL,
                    "the bot has no thread free to read journalctl's output (too many log searches at once)");
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return Outcome.failed(
                        FailureKind.TIMEOUT, "journalctl did not finish within " + DurationText.format(timeout));
            }
            awaitRead(outRead);
            awaitRead(errRead);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return Outcome.failed(FailureKind.CANCELLED, "log_search was cancelled while journalctl ran");
        } catch (IOException e) {
            kill(process);
            return Outcome.failed(FailureKind.INTERNAL, "cannot talk to journalctl: " + e.getMessage());
        }
        int exit = process.exitValue();
        String stderr;
        synchronized (err) {
            stderr = err.toString().strip();
        }
        boolean noMatch = exit == 1 && stderr.isEmpty() && config.pattern().isPresent();
        if (exit != 0 && !noMatch && !out.capped()) {
            return Outcome.failed(
                    FailureKind.QUERY_ERROR,
                    "journalctl exited with " + exit + (stderr.isEmpty() ? "" : ": " + LogFacts.clean(stderr)));
        }
        List<String> lines = out.newestFirst();
        List<String> details = new ArrayList<>(lines);
        if (out.capped()) {
            details.add(
                    0,
                    "journalctl printed more than " + MAX_OUTPUT_BYTES / (1024 * 1024) + " MiB; the rest was not"
                            + " read, so the count is a lower bound");
        }
        long count = out.count();
        return LogFacts.observe(
                new LogMatches(
                        "journald", "streams", count, count, lines, count > 0 ? 1 : 0, false, out.capped(), details),
                config.since());
    }

    /** Waits a little for a reader to reach the end of journalctl's output; what it read by then is kept. */
    private static void awaitRead(CompletableFuture<Void> read) throws InterruptedException {
        try {
            read.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A reader that failed or is still reading keeps what it read, as the lines counted so far.
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void readCapped(InputStream in, StringBuilder sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            char[] buffer = new char[1024];
            int n;
            while ((n = reader.read(buffer)) != -1) {
                synchronized (sink) {
                    if (sink.length() < MAX_STDERR_CHARS) {
                        sink.append(buffer, 0, Math.min(n, MAX_STDERR_CHARS - sink.length()));
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; what was read is kept.
        }
    }

    /** Counts stdout lines and keeps the newest ones, up to the output cap. */
    private static final class OutputReader implements Runnable {
        private final InputStream in;
        private final int keep;
        private final Runnable onCap;
        private final ArrayDeque<String> newest = new ArrayDeque<>();
        private long count;
        private boolean capped;

        OutputReader(InputStream in, int keep, Runnable onCap) {
            this.in = in;
            this.keep = keep;
            this.onCap = onCap;
        }

        @Override
        public void run() {
            long bytes = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    in,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    bytes += line.length() + 1L;
                    synchronized (this) {
                        count++;
                        newest.addLast(line);
                        if (newest.size() > keep) {
                            newest.removeFirst();
                        }
                        capped = bytes > MAX_OUTPUT_BYTES;
                    }
                    if (bytes > MAX_OUTPUT_BYTES) {
                        onCap.run(); // stop journalctl: the rest would only be thrown away
                        break;
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its output; what was read is kept.
            }
        }

        synchronized long count() {
            return count;
        }

        synchronized boolean capped() {
            return capped;
        }

        synchronized List<String> newestFirst() {
            List<String> lines = new ArrayList<>();
            newest.descendingIterator().forEachRemaining(line -> lines.add(LogFacts.clean(line)));
            return lines;
        }
    }
}

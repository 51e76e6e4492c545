package dev.runbookbot.cli;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.text.DurationText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress on stderr as each step finishes ({@code [2/5] check_db_connections: critical in 35ms}), so a person sees
 * the run move while the slowest step is still out; the report itself goes to stdout. Steps finish on different
 * threads: each line is written whole, under the writer's lock.
 */
final class ProgressLines implements RunListener {
    private final PrintWriter err;
    private final int total;
    private final AtomicInteger finished = new AtomicInteger();

    ProgressLines(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
    }

    @Override
    public void diagnosticFinished(DiagnosticResult result) {
        String line = result.stepId() + ": " + result.status().label().toLowerCase(Locale.ROOT) + " in "
                + DurationText.format(result.duration());
        synchronized (err) {
            err.println("[" + finished.incrementAndGet() + "/" + total + "] " + line);
            err.flush();
        }
    }
}

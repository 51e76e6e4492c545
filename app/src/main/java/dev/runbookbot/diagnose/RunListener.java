package dev.runbookbot.diagnose;

import dev.runbookbot.runbook.DiagnosticSpec;
import java.util.List;

/**
 * Hears a diagnosis as it happens, so the chat thread, the timeline and the metrics fill in progressively. Calls for
 * different steps may arrive concurrently from different threads; implementations must be thread-safe and quick (hand
 * slow work, such as a Slack call, to their own executor). An exception thrown by a listener is logged and ignored: it
 * never stops a diagnosis.
 */
public interface RunListener {
    default void diagnosticStarted(DiagnosticSpec step) {}

    default void diagnosticFinished(DiagnosticResult result) {}

    /**
     * One iteration of a step with {@code forEach} finished: item number {@code index} (from 0), the item, and its
     * result. The step itself is heard through {@link #diagnosticStarted} and {@link #diagnosticFinished} as usual, its
     * result combining every iteration.
     */
    default void iterationFinished(DiagnosticSpec step, int index, Object item, DiagnosticResult result) {}

    /** Called once, after every step has a result, with the results in the runbook's step order. */
    default void diagnosisFinished(List<DiagnosticResult> results) {}

    RunListener NONE = new RunListener() {};

    /**
     * A listener that forwards to each of {@code listeners} in order. Every listener is called even when an earlier one
     * throws; the first exception is rethrown afterwards (with the others suppressed) so the caller can log it.
     */
    static RunListener all(List<RunListener> listeners) {
        List<RunListener> copy = List.copyOf(listeners);
        return new RunListener() {
            @Override
            public void diagnosticStarted(DiagnosticSpec step) {
                forEach(copy, l -> l.diagnosticStarted(step));
            }

            @Override
            public void diagnosticFinished(DiagnosticResult result) {
                forEach(copy, l -> l.diagnosticFinished(result));
            }

            @Override
            public void iterationFinished(DiagnosticSpec step, int index, Object item, DiagnosticResult result) {
                forEach(copy, l -> l.iterationFinished(step, index, item, result));
            }

            @Override
            public void diagnosisFinished(List<DiagnosticResult> results) {
                forEach(copy, l -> l.diagnosisFinished(results));
            }
        };
    }

    private static void forEach(List<RunListener> listeners, java.util.function.Consumer<RunListener> call) {
        RuntimeException first = null;
        for (RunListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

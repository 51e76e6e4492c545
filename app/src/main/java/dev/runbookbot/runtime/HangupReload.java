package dev.runbookbot.runtime;

import dev.runbookbot.runbook.CatalogReloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the runbooks, as daemons conventionally re-read their configuration. The handler runs on the JVM's
 * signal thread, so it only hands the reload to a new short-lived thread. {@link #install} returns what restores the
 * previous handler. Only {@code runbookctl bot} installs it: a signal handler belongs to the whole process.
 */
final class HangupReload {
    private static final Logger LOG = LoggerFactory.getLogger(HangupReload.class);

    private HangupReload() {}

    static AutoCloseable install(CatalogReloads reloads) {
        Signal hup = new Signal("HUP");
        SignalHandler handler = signal -> {
            Thread reload = new Thread(
                    () -> {
                        try {
                            reloads.reload("SIGHUP");
                        } catch (RuntimeException e) {
                            LOG.error("reloading the runbooks on SIGHUP failed", e);
                        }
                    },
                    "runbook-reload-sighup");
            reload.setDaemon(true);
            reload.start();
        };
        try {
            SignalHandler previous = Signal.handle(hup, handler);
            if (!holds(hup, handler)) {
                LOG.warn("SIGHUP is ignored by this process (started under nohup?), so it cannot reload the runbooks;"
                        + " the runbook directory is still watched, and /runbook reload works");
                return () -> {};
            }
            return () -> Signal.handle(hup, previous);
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); reload with /runbook reload", e.getMessage());
            return () -> {};
        }
    }

    /**
     * Whether SIGHUP reaches this process at all. A process started with SIGHUP ignored (by {@code nohup}) keeps it
     * ignored: the JVM then accepts a handler without ever calling it.
     */
    static boolean reachesThisProcess() {
        Signal hup = new Signal("HUP");
        SignalHandler probe = signal -> {};
        SignalHandler previous = Signal.handle(hup, probe);
        boolean reaches = holds(hup, probe);
        Signal.handle(hup, previous);
        return reaches;
    }

    /** Installing the same handler again returns the one installed: only then did the JVM take it. */
    private static boolean holds(Signal hup, SignalHandler handler) {
        return Signal.handle(hup, handler) == handler;
    }
}

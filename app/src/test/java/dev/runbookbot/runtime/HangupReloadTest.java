package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runbookbot.runbook.CatalogReload;
import dev.runbookbot.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import sun.misc.Signal;

/**
 * SIGHUP reloads the runbooks: a real signal raised in this JVM reaches the installed handler. Isolated: a SIGHUP
 * handler belongs to the whole JVM, and tests running alongside (a local bot) install their own.
 */
@Isolated
class HangupReloadTest {
    @Test
    void aHangupReloadsAndClosingRestoresThePreviousHandler() throws Exception {
        // Installing a handler throws where the JVM does not hand signals over (-Xrs): then this test fails instead of
        // raising a SIGHUP nobody handles, which would end the test JVM.
        Signal hup = new Signal("HUP");
        Signal.handle(hup, Signal.handle(hup, signal -> {}));
        if (!HangupReload.reachesThisProcess()) {
            // A JVM started under nohup (as a backgrounded CI step may be) inherits SIGHUP ignored: no handler can
            // ever run there, and the bot says so instead of installing one that would never be called.
            installingUnderNohupChangesNothing();
            return;
        }
        List<String> triggers = new CopyOnWriteArrayList<>();
        AutoCloseable installed = HangupReload.install(trigger -> {
            triggers.add(trigger);
            return CatalogReload.failed("test", List.of());
        });
        try {
            Signal.raise(hup);
            Poll.until(
                    "the reload",
                    Duration.ofSeconds(10),
                    () -> triggers.isEmpty() ? Optional.empty() : Optional.of(true));
            assertEquals(List.of("SIGHUP"), triggers);
        } finally {
            installed.close();
        }
    }

    private static void installingUnderNohupChangesNothing() throws Exception {
        List<String> triggers = new CopyOnWriteArrayList<>();
        try (AutoCloseable installed = HangupReload.install(trigger -> {
            triggers.add(trigger);
            return CatalogReload.failed("test", List.of());
        })) {
            assertFalse(HangupReload.reachesThisProcess());
        }
        assertEquals(List.of(), triggers);
    }
}

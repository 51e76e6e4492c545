package dev.runbookbot.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /readyz}: runs every {@link ReadinessCheck} and answers 200 when all pass, otherwise 503; the body has one
 * line per check ({@code ok store writable}, {@code FAIL slack socket connected}), each followed by its detail lines,
 * indented by two spaces. A check that throws fails, and the
 * exception is logged, not answered.
 */
final class ReadinessRoute implements Handler {
    private static final Logger log = LoggerFactory.getLogger(ReadinessRoute.class);

    private final List<ReadinessCheck> checks;

    ReadinessRoute(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void handle(Context ctx) {
        StringBuilder body = new StringBuilder();
        boolean allReady = true;
        for (ReadinessCheck check : checks) {
            boolean ready;
            try {
                ready = check.ready();
            } catch (RuntimeException e) {
                log.warn("readiness check '{}' failed with an exception", check.name(), e);
                ready = false;
            }
            allReady &= ready;
            body.append(ready ? "ok " : "FAIL ").append(check.name()).append('\n');
            try {
                check.detail().forEach(line -> body.append("  ").append(line).append('\n'));
            } catch (RuntimeException e) {
                log.warn("readiness check '{}' could not say more", check.name(), e);
            }
        }
        body.insert(0, allReady ? "ready\n" : "not ready\n");
        ctx.status(allReady ? 200 : 503)
                .contentType("text/plain; charset=utf-8")
                .result(body.toString());
    }
}

package dev.runbookbot.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /healthz}: 200 {@code ok} whenever the process can answer at all (liveness; checks nothing else). */
final class HealthRoute implements Handler {
    @Override
    public void handle(Context ctx) {
        ctx.status(200).contentType("text/plain; charset=utf-8").result("ok\n");
    }
}

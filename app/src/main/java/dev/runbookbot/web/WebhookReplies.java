package dev.runbookbot.web;

import dev.runbookbot.incident.intake.IntakeResult;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.text.InvisibleCharacters;
import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the webhook routes answer, counted and logged the same way for every source. Refusals (4xx) are for requests
 * that can never be accepted, because both senders drop a 4xx without retrying; a busy store or failing storage is a 503 with {@code
 * Retry-After}, which both retry; a bug is a 500, which both retry too. Logs name the source, the status, the reason
 * and the peer address, never a header, a query string or the body. Reasons are reduced to printable characters
 * before they reach a log line or an answer (no CR/LF injection).
 */
final class WebhookReplies {
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(WebhookReplies.class);
    private static final int MAX_REASON = 500;

    private final Metrics metrics;

    WebhookReplies(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Refuses the request with a 4xx; {@code metricReason} is one of the fixed reason labels. */
    void refuse(Context ctx, String source, int status, String metricReason, String reason) {
        String safe = printable(reason);
        metrics.webhookRefused(source, metricReason);
        log.warn("{} webhook from {} refused with {}: {}", source, ctx.ip(), status, safe);
        ctx.status(status).contentType("text/plain; charset=utf-8").result(safe + "\n");
    }

    /** Answers what the intake said about a delivery of {@code alerts} alerts. */
    void answer(Context ctx, String source, IntakeResult result, int alerts) {
        metrics.webhookReceived(source, result.name().toLowerCase(Locale.ROOT));
        ctx.contentType("text/plain; charset=utf-8");
        switch (result) {
            case ACCEPTED:
                ctx.status(200).result("accepted " + alerts + " alert(s)\n");
                break;
            case DUPLICATE:
                ctx.status(200).result("duplicate delivery, already recorded\n");
                break;
            case BUSY:
                log.warn("{} webhook from {} answered 503: the store is busy; the sender will retry", source, ctx.ip());
                ctx.status(503)
                        .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                        .result("busy, retry later\n");
                break;
            case STORE_UNAVAILABLE:
                log.warn(
                        "{} webhook from {} answered 503: storage unavailable (disk full or failing); the sender will"
                                + " retry",
                        source,
                        ctx.ip());
                ctx.status(503)
                        .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                        .result("storage unavailable, retry later\n");
                break;
            default:
                throw new IllegalStateException("unknown intake result " + result);
        }
    }

    /** The intake failed unexpectedly: a bug. 500, which the senders retry; the cause is logged, not answered. */
    void failed(Context ctx, String source, RuntimeException e) {
        metrics.webhookReceived(source, "error");
        log.error("{} webhook from {}: the intake failed; answered 500 so the sender retries", source, ctx.ip(), e);
        ctx.status(500).contentType("text/plain; charset=utf-8").result("internal error, retry later\n");
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_REASON));
        for (int i = 0; i < text.length() && out.length() < MAX_REASON; i++) {
            char c = text.charAt(i);
            out.append(
                    Character.isISOControl(c)
                                    || InvisibleCharacters.is(c)
                                    || Character.getType(c) == Character.LINE_SEPARATOR
                                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                            ? '?'
                            : c);
        }
        return text.length() > MAX_REASON ? out + "..." : out.toString();
    }
}

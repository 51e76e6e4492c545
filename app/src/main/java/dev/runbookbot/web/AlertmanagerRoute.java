package dev.runbookbot.web;

import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.alert.alertmanager.AlertmanagerMapper;
import dev.runbookbot.incident.intake.AlertIntake;
import dev.runbookbot.incident.intake.IntakeResult;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/alertmanager}: authenticate (401 without a matching bearer token or basic auth), read the body
 * within the size limit (413), map it (400 with the reason for a body that can never be read, such as another payload
 * version), hand it to the {@link AlertIntake} (which records it durably) and answer: 200 for accepted and duplicate
 * deliveries, 503 with {@code Retry-After} when the store is busy. A byte-identical re-send of a body the intake took a
 * moment ago is answered from {@link RepeatedBodies} without mapping it again, when the intake still knows its key. Alertmanager retries only 5xx and drops every 4xx,
 * so a 4xx is only ever answered for a request that no retry could fix, and such a loss is logged as a warning.
 */
final class AlertmanagerRoute implements Handler {
    static final String SOURCE = "alertmanager";
    private static final Logger log = LoggerFactory.getLogger(AlertmanagerRoute.class);

    private final AlertmanagerCredentials credentials;
    private final BoundedBody bodies;
    private final AlertmanagerMapper mapper;
    private final AlertIntake intake;
    private final WebhookReplies replies;
    private final RepeatedBodies repeats = new RepeatedBodies();

    AlertmanagerRoute(
            AlertmanagerCredentials credentials,
            BoundedBody bodies,
            AlertmanagerMapper mapper,
            AlertIntake intake,
            WebhookReplies replies) {
        this.credentials = credentials;
        this.bodies = bodies;
        this.mapper = mapper;
        this.intake = intake;
        this.replies = replies;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        if (!credentials.accepts(ctx.header("Authorization"))) {
            credentials.challenges().forEach(challenge -> ctx.res().addHeader("WWW-Authenticate", challenge));
            replies.refuse(
                    ctx,
                    SOURCE,
                    401,
                    "unauthorized",
                    credentials.configured()
                            ? "missing or wrong credentials"
                            : "no Alertmanager credential is configured, so every request is refused");
            return;
        }
        Optional<byte[]> body = bodies.read(ctx);
        if (body.isEmpty()) {
            replies.refuse(
                    ctx, SOURCE, 413, "too_large", "the body is larger than " + bodies.limit() + " bytes (lost)");
            return;
        }
        String digest = RepeatedBodies.digest(body.get());
        Optional<RepeatedBodies.Known> repeat = repeats.find(digest);
        if (repeat.isPresent()) {
            Optional<IntakeResult> known = intake.known(repeat.get().deliveryKey());
            if (known.isPresent()) {
                replies.answer(ctx, SOURCE, known.get(), repeat.get().alerts());
                return;
            }
        }
        MappedDelivery delivery;
        try {
            delivery = mapper.map(body.get());
        } catch (InvalidPayloadException e) {
            replies.refuse(ctx, SOURCE, 400, "malformed", e.reason());
            return;
        }
        for (String warning : delivery.warnings()) {
            log.warn("Alertmanager webhook from {}: {}", ctx.ip(), WebhookReplies.printable(warning));
        }
        IntakeResult result;
        try {
            result = intake.accept(
                    delivery.events(), new String(body.get(), StandardCharsets.UTF_8), delivery.deliveryKey());
        } catch (RuntimeException e) {
            replies.failed(ctx, SOURCE, e);
            return;
        }
        if (result == IntakeResult.ACCEPTED || result == IntakeResult.DUPLICATE) {
            repeats.remember(
                    digest,
                    new RepeatedBodies.Known(
                            delivery.deliveryKey(), delivery.events().size()));
        }
        replies.answer(ctx, SOURCE, result, delivery.events().size());
    }
}

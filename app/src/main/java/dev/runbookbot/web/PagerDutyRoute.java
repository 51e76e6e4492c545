package dev.runbookbot.web;

import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.alert.pagerduty.FreshnessCheck;
import dev.runbookbot.alert.pagerduty.PagerDutyMapper;
import dev.runbookbot.alert.pagerduty.PagerDutySignatureVerifier;
import dev.runbookbot.alert.pagerduty.SignatureVerdict;
import dev.runbookbot.incident.intake.AlertIntake;
import dev.runbookbot.incident.intake.IntakeResult;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST /webhooks/pagerduty}: read the body within the size limit (413), verify {@code X-PagerDuty-Signature}
 * over the raw bytes (401 when missing, malformed or not matching; 400 for an empty body), map it (400 with the
 * reason), refuse events older than the freshness window (400), then hand it to the {@link AlertIntake} under the
 * delivery key {@code pagerduty:<X-Webhook-Id>}: a replayed or retried id is a duplicate and answered 200; a busy store
 * is a 503, which PagerDuty retries (as it does 429 and timeouts; other 4xx it drops).
 */
final class PagerDutyRoute implements Handler {
    static final String SOURCE = "pagerduty";
    static final String WEBHOOK_ID_HEADER = "X-Webhook-Id";

    private final BoundedBody bodies;
    private final PagerDutySignatureVerifier verifier;
    private final PagerDutyMapper mapper;
    private final FreshnessCheck freshness;
    private final AlertIntake intake;
    private final WebhookReplies replies;

    PagerDutyRoute(
            BoundedBody bodies,
            PagerDutySignatureVerifier verifier,
            PagerDutyMapper mapper,
            FreshnessCheck freshness,
            AlertIntake intake,
            WebhookReplies replies) {
        this.bodies = bodies;
        this.verifier = verifier;
        this.mapper = mapper;
        this.freshness = freshness;
        this.intake = intake;
        this.replies = replies;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Optional<byte[]> body = bodies.read(ctx);
        if (body.isEmpty()) {
            replies.refuse(ctx, SOURCE, 413, "too_large", "the body is larger than " + bodies.limit() + " bytes");
            return;
        }
        SignatureVerdict verdict =
                verifier.verify(body.get(), Optional.ofNullable(ctx.header(PagerDutySignatureVerifier.HEADER)));
        if (verdict == SignatureVerdict.EMPTY_BODY) {
            replies.refuse(ctx, SOURCE, 400, "malformed", verdict.reason());
            return;
        }
        if (!verdict.accepted()) {
            replies.refuse(ctx, SOURCE, 401, "bad_signature", verdict.reason());
            return;
        }
        MappedDelivery delivery;
        try {
            delivery = mapper.map(body.get(), Optional.ofNullable(ctx.header(WEBHOOK_ID_HEADER)));
        } catch (InvalidPayloadException e) {
            replies.refuse(ctx, SOURCE, 400, "malformed", e.reason());
            return;
        }
        Optional<String> stale = freshness.refusal(delivery.events().get(0).occurredAt());
        if (stale.isPresent()) {
            replies.refuse(ctx, SOURCE, 400, "stale", stale.get());
            return;
        }
        IntakeResult result;
        try {
            result = intake.accept(
                    delivery.events(), new String(body.get(), StandardCharsets.UTF_8), delivery.deliveryKey());
        } catch (RuntimeException e) {
            replies.failed(ctx, SOURCE, e);
            return;
        }
        replies.answer(ctx, SOURCE, result, delivery.events().size());
    }
}

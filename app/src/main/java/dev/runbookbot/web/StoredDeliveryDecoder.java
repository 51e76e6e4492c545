package dev.runbookbot.web;

import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.alertmanager.AlertmanagerMapper;
import dev.runbookbot.alert.pagerduty.PagerDutyMapper;
import dev.runbookbot.incident.intake.DecodedDelivery;
import dev.runbookbot.incident.intake.DeliveryDecoder;
import dev.runbookbot.incident.intake.InboundDelivery;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a webhook body back from the delivery log exactly as its route read it when it arrived: Alertmanager bodies
 * with the {@link AlertmanagerMapper}, PagerDuty bodies with the {@link PagerDutyMapper} and the {@code X-Webhook-Id}
 * the route stored in the delivery key ({@code pagerduty:<id>}), so the rebuilt events carry the same ids. The
 * signature and freshness were checked when the body was accepted and are not checked again. Thread-safe.
 */
public final class StoredDeliveryDecoder implements DeliveryDecoder {
    private static final String PAGERDUTY_KEY_PREFIX = PagerDutyRoute.SOURCE + ":";

    private final AlertmanagerMapper alertmanager;
    private final PagerDutyMapper pagerduty;

    public StoredDeliveryDecoder() {
        JsonPayloadReader json = new JsonPayloadReader();
        this.alertmanager = new AlertmanagerMapper(json);
        this.pagerduty = new PagerDutyMapper(json);
    }

    @Override
    public Set<String> sources() {
        return Set.of(AlertmanagerRoute.SOURCE, PagerDutyRoute.SOURCE);
    }

    @Override
    public DecodedDelivery decode(InboundDelivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        try {
            if (delivery.source().equals(AlertmanagerRoute.SOURCE)) {
                return new DecodedDelivery.Alerts(alertmanager.map(body).events());
            }
            if (delivery.source().equals(PagerDutyRoute.SOURCE)) {
                Optional<String> webhookId = delivery.key().startsWith(PAGERDUTY_KEY_PREFIX)
                        ? Optional.of(delivery.key().substring(PAGERDUTY_KEY_PREFIX.length()))
                        : Optional.empty();
                return new DecodedDelivery.Alerts(pagerduty.map(body, webhookId).events());
            }
        } catch (InvalidPayloadException e) {
            return new DecodedDelivery.Unreadable(e.reason());
        }
        return new DecodedDelivery.Unreadable("no mapper reads deliveries from '" + delivery.source() + "'");
    }
}

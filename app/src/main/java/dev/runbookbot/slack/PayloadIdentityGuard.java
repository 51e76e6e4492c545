package dev.runbookbot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware that lets a payload through to the listeners only when its {@code api_app_id} and team ids are this
 * installation's.
 *
 * <p>Socket Mode payloads carry no signature (the link's authenticity comes from the app token), and Bolt dispatches
 * payloads whatever team or app they name. A payload for another team or app, including a click by a user of another
 * organisation in a Slack Connect channel, is acknowledged (so Slack does not show an error or retry) and ignored, and
 * the refusal is logged with the ids it carried. A payload that is not a JSON object cannot be checked and is refused
 * the same way. Stateless and thread-safe.
 */
final class PayloadIdentityGuard implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(PayloadIdentityGuard.class);

    private final ObjectMapper json;
    private final String expectedTeamId;
    private final String expectedApiAppId;

    PayloadIdentityGuard(ObjectMapper json, String expectedTeamId, String expectedApiAppId) {
        this.json = Objects.requireNonNull(json, "json");
        this.expectedTeamId = Objects.requireNonNull(expectedTeamId, "expectedTeamId");
        this.expectedApiAppId = Objects.requireNonNull(expectedApiAppId, "expectedApiAppId");
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        Optional<PayloadIdentity> identity = PayloadIdentity.read(json, req.getRequestBodyAsString());
        if (identity.isPresent() && identity.get().matches(expectedTeamId, expectedApiAppId)) {
            return chain.next(req);
        }
        LOG.warn(
                "Ignored a {} payload that is not for this installation (expected team {} and app {}, got {})",
                req.getRequestType(),
                expectedTeamId,
                expectedApiAppId,
                identity.map(Object::toString).orElse("a payload that is not a JSON object"));
        return Response.ok();
    }
}

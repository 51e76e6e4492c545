package dev.runbookbot.remediate.http;

import dev.runbookbot.expr.Template;

/** One request header of {@code http_request}: a (possibly templated) value, or a stored secret with a prefix. */
public sealed interface HeaderSpec {
    String name();

    /** {@code X-Service: "{{ labels.service }}"}; the rendered value may not contain CR, LF or other controls. */
    record Templated(String name, Template value) implements HeaderSpec {}

    /** {@code Authorization: {secret: api-token, prefix: "Bearer "}}; previews show {@code Bearer <secret:api-token>}. */
    record FromSecret(String name, String secretName, String prefix) implements HeaderSpec {}
}

package dev.runbookbot.diagnose.http;

import dev.runbookbot.expr.Template;

/**
 * A request header's value: text written in the runbook (a template; values with a line break are refused), or a
 * secret from the secret store by name with an optional prefix such as {@code "Bearer "}. A secret's value is never
 * shown anywhere: not in evidence, details, facts or messages.
 */
sealed interface HeaderValue {
    record Text(Template template) implements HeaderValue {}

    record FromSecret(String secretName, String prefix) implements HeaderValue {}
}

package dev.runbookbot.remediate.http;

import dev.runbookbot.expr.Template;

/**
 * The body of {@code http_request}. A YAML map or list is a {@link Json} body: a tree whose string leaves may be
 * templates, rendered value by value into a JSON tree, so a value is always a JSON string (or a number or boolean, when
 * a leaf is a single placeholder of a typed parameter) and can never break out of it. A YAML string is a {@link Text}
 * body, rendered as is.
 */
public sealed interface BodySpec {
    String contentType();

    /** {@code tree} holds {@code Map<String, ?>}, {@code List<?>}, {@link Template}, numbers, booleans and nulls. */
    record Json(Object tree, String contentType) implements BodySpec {}

    record Text(Template template, String contentType) implements BodySpec {}
}

package dev.runbookbot.runbook;

/**
 * An expected-output pattern (a Java regular expression) that decides whether an action succeeded. A pattern with
 * {@code allowFailure} is accepted as an alternative outcome that is not a failure (runbook-bots-article).
 */
public record ExpectSpec(String pattern, boolean allowFailure) {}

package dev.runbookbot.remediate;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ActionSpec;
import java.time.Duration;

/**
 * One execution (or preview) of one action. {@code environment} is the incident's environment (e.g. {@code prod});
 * {@code idempotencyKey} is stable across retries of the same approved run, so a target that supports idempotency keys
 * can de-duplicate.
 */
public record ActionRequest(
        String remediationId,
        ActionSpec action,
        TemplateContext context,
        String environment,
        Duration timeout,
        String idempotencyKey) {}

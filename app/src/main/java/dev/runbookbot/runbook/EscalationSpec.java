package dev.runbookbot.runbook;

import java.util.Optional;

/** Who to notify: {@code primary} (a Slack channel or PagerDuty service), {@code secondary}, and after how long. */
public record EscalationSpec(String primary, Optional<String> secondary, int escalateAfterMinutes) {
    public static final int DEFAULT_ESCALATE_AFTER_MINUTES = 30;
}

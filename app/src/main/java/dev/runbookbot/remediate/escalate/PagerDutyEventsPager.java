package dev.runbookbot.remediate.escalate;

import dev.runbookbot.remediate.Page;
import dev.runbookbot.remediate.PageResult;
import dev.runbookbot.remediate.Pager;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.secrets.SecretResolver;
import okhttp3.OkHttpClient;

/**
 * The incident escalator's {@link Pager} over PagerDuty's Events API v2: each page is a {@code trigger} event with the
 * configured routing key, the page's dedup key (the incident id, so every escalation of one incident is one PagerDuty
 * alert), its summary, its component (the service) and details, a link to the thread, and the severity mapped from the
 * runbook's: P1 critical, P2 error, P3 warning, P4 info. Thread-safe.
 */
public final class PagerDutyEventsPager implements Pager {
    private final PagerDutyEvents events;

    /** @param client the bot's shared client; this pager derives its own timeouts and turns redirects off */
    public PagerDutyEventsPager(OkHttpClient client, PagerDutyEventsSettings settings, SecretResolver secrets) {
        this.events = new PagerDutyEvents(client, settings, secrets);
    }

    @Override
    public PageResult page(Page page) {
        return events.trigger(new TriggerEvent(
                events.defaultRoutingKeySecret(),
                page.dedupKey(),
                page.summary(),
                severity(page.severity()),
                java.util.Optional.of(page.component()),
                page.details(),
                page.link()));
    }

    @Override
    public String name() {
        return "PagerDuty";
    }

    /** The Events API severity of a runbook severity. */
    static String severity(Severity severity) {
        return switch (severity) {
            case P1 -> "critical";
            case P2 -> "error";
            case P3 -> "warning";
            case P4 -> "info";
        };
    }
}

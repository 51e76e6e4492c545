package dev.runbookbot.remediate.escalate;

import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.remediate.PageResult;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;

/**
 * {@code escalate} as an action: pages through PagerDuty's Events API v2 (see {@link EscalateConfig} for the action's
 * keys). The event's {@code dedup_key} is the run's idempotency key, so retrying the same approved run joins its first
 * page instead of paging again. Register it only when PagerDuty is configured: without it the remediation pipeline hands
 * {@code escalate} actions to the incident escalator, which posts to the runbook's escalation channels instead. The
 * routing key is read from its secret when the page is sent and shown as {@code <secret:NAME>} in previews. Thread-safe.
 */
public final class EscalateActionExecutor implements ActionExecutor {
    private final PagerDutyEvents events;

    public EscalateActionExecutor(OkHttpClient client, PagerDutyEventsSettings settings, SecretResolver secrets) {
        this.events = new PagerDutyEvents(client, settings, secrets);
    }

    @Override
    public ActionType type() {
        return ActionType.ESCALATE;
    }

    @Override
    public Set<String> configKeys() {
        return EscalateConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        EscalateConfig.parse(config, problems);
        return problems;
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        TriggerEvent event = event(request);
        List<String> lines = new ArrayList<>();
        lines.add(events.endpoint());
        lines.add("routing_key: <secret:" + event.routingKeySecret() + ">");
        lines.add("event_action: trigger, dedup_key: " + event.dedupKey() + ", severity: " + event.severity());
        lines.add("summary: " + event.summary());
        event.component().ifPresent(component -> lines.add("component: " + component));
        return new ActionPreview("PagerDuty (routing key " + event.routingKeySecret() + ")", lines);
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        TriggerEvent event;
        try {
            event = event(request);
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        PageResult result = events.trigger(event);
        return result instanceof PageResult.Paged paged
                ? new ActionOutcome.Completed(paged.detail())
                : new ActionOutcome.Failed(result.describe(), "");
    }

    private TriggerEvent event(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<EscalateConfig> parsed = EscalateConfig.parse(request.action().config(), problems);
        if (parsed.isEmpty()) {
            throw new ActionException("invalid config: "
                    + problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        }
        EscalateConfig config = parsed.get();
        String summary;
        if (config.summary().isPresent()) {
            try {
                summary = config.summary()
                        .get()
                        .render(request.context(), TemplateSink.TEXT)
                        .text();
            } catch (TemplateException e) {
                throw new ActionException("summary: " + e.getMessage());
            }
        } else {
            summary = request.remediationId() + ": escalation requested by runbook-bot in " + request.environment();
        }
        if (summary.isBlank()) {
            throw new ActionException("summary: renders to nothing; PagerDuty needs a summary");
        }
        return new TriggerEvent(
                config.routingKeySecret().orElse(events.defaultRoutingKeySecret()),
                request.idempotencyKey(),
                summary,
                config.severity(),
                config.component(),
                Map.of("remediation", request.remediationId(), "environment", request.environment()),
                Optional.empty());
    }
}

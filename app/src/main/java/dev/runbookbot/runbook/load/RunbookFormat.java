package dev.runbookbot.runbook.load;

import java.util.List;
import java.util.Set;

/**
 * The shapes of the mappings in a runbook file: the seed schema's camelCase keys (executable-runbooks-article, every
 * field kept) plus our additions (tags, aliases, body, parameters, trigger matchers/operator/pagerdutyService,
 * remediation safety and expect, approval). Keys are required where the seed requires them.
 */
public final class RunbookFormat {
    public static final ObjectShape RUNBOOK = new ObjectShape(
            "runbook",
            List.of(
                    "id",
                    "name",
                    "description",
                    "severity",
                    "service",
                    "tags",
                    "aliases",
                    "body",
                    "parameters",
                    "triggers",
                    "diagnostics",
                    "decisionTree",
                    "decisionMatch",
                    "remediations",
                    "escalation",
                    "approval"),
            Set.of(
                    "id",
                    "name",
                    "description",
                    "severity",
                    "service",
                    "triggers",
                    "diagnostics",
                    "decisionTree",
                    "remediations",
                    "escalation"));

    public static final ObjectShape PARAMETER = new ObjectShape(
            "parameter", List.of("name", "type", "default", "required", "fromLabel", "description"), Set.of("name"));

    public static final ObjectShape TRIGGER = new ObjectShape(
            "trigger",
            List.of("type", "alertName", "matchers", "metricQuery", "threshold", "operator", "pagerdutyService"),
            Set.of("type"));

    public static final ObjectShape DIAGNOSTIC = new ObjectShape(
            "diagnostic",
            List.of("id", "name", "description", "type", "needs", "when", "forEach", "config", "timeout", "interpret"),
            Set.of("id", "name", "description", "type", "config", "interpret"));

    public static final ObjectShape INTERPRET =
            new ObjectShape("interpret", List.of("healthy", "warning", "critical"), Set.of());

    /** A branch: {@code condition} is required unless the branch is the {@code else} one (checked by the reader). */
    public static final ObjectShape DECISION = new ObjectShape(
            "decision", List.of("condition", "else", "then", "description"), Set.of("then", "description"));

    public static final ObjectShape REMEDIATION = new ObjectShape(
            "remediation",
            List.of(
                    "id",
                    "name",
                    "description",
                    "type",
                    "action",
                    "instructions",
                    "requiresApproval",
                    "safety",
                    "expect",
                    "runbook",
                    "with",
                    "reason",
                    "require",
                    "after",
                    "forEach",
                    "until"),
            Set.of("id", "name", "description", "type"));

    /** A loop over items ({@code LoopSpec}): on a diagnostic step or a remediation. */
    public static final ObjectShape FOR_EACH =
            new ObjectShape("forEach", List.of("items", "concurrency", "sequential", "maxItems"), Set.of("items"));

    /** A remediation's wait for a condition on fresh diagnostics ({@code UntilSpec}); every key is required. */
    public static final ObjectShape UNTIL = new ObjectShape(
            "until", List.of("condition", "interval", "timeout"), Set.of("condition", "interval", "timeout"));

    public static final ObjectShape ACTION = new ObjectShape("action", List.of("type", "config"), Set.of("type"));

    public static final ObjectShape SAFETY =
            new ObjectShape("safety", List.of("safe", "scopes", "approvalTimeout"), Set.of());

    public static final ObjectShape EXPECT =
            new ObjectShape("expect", List.of("pattern", "allow_failure"), Set.of("pattern"));

    public static final ObjectShape ESCALATION =
            new ObjectShape("escalation", List.of("primary", "secondary", "escalateAfterMinutes"), Set.of("primary"));

    public static final ObjectShape APPROVAL = new ObjectShape("approval", List.of("approvers", "required"), Set.of());

    private RunbookFormat() {}

    /** Every shape, the runbook first. */
    public static List<ObjectShape> shapes() {
        return List.of(
                RUNBOOK,
                PARAMETER,
                TRIGGER,
                DIAGNOSTIC,
                INTERPRET,
                DECISION,
                REMEDIATION,
                ACTION,
                SAFETY,
                EXPECT,
                ESCALATION,
                APPROVAL,
                FOR_EACH,
                UNTIL);
    }
}

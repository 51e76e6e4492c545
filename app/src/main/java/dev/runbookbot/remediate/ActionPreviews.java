package dev.runbookbot.remediate;

import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TextTemplates;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ApprovalWording;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.SafetySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a remediation would do, rendered and masked before anyone sees it: the text approvers read, the dry run, and the
 * preview {@link UnchangedActionGuard} compares with before a run starts. Manual steps show their instructions with
 * their placeholders filled in; escalations say to whom. No side effect. Thread-safe.
 */
final class ActionPreviews {
    private static final Logger log = LoggerFactory.getLogger(ActionPreviews.class);

    private final ActionExecutors executors;
    private final UnaryOperator<String> mask;
    private final PipelineSettings settings;
    private final Optional<ActionLoop> loops;

    ActionPreviews(
            ActionExecutors executors,
            UnaryOperator<String> mask,
            PipelineSettings settings,
            Optional<ActionLoop> loops) {
        this.executors = executors;
        this.mask = mask;
        this.settings = settings;
        this.loops = loops;
    }

    /** The run to propose: its preview, the approvals it needs and its approval timeout (see the pipeline). */
    NewRun proposal(
            RemediationTarget incident, RemediationContext context, int attempt, String requestedBy, String reason)
            throws ActionException {
        PreviewResult preview = preview(incident, context, attempt);
        if (preview instanceof PreviewResult.Unavailable unavailable) {
            throw new ActionException(unavailable.reason());
        }
        RemediationSpec remediation = context.remediation();
        Duration timeout = Optional.ofNullable(remediation.safety())
                .map(SafetySpec::approvalTimeout)
                .orElse(SafetySpec.DEFAULT_APPROVAL_TIMEOUT);
        return new NewRun(
                incident.incidentId(),
                remediation.id(),
                attempt,
                actionName(remediation),
                ((PreviewResult.Rendered) preview).preview().text(),
                requestedBy,
                reason,
                ApprovalGuard.requiredApprovals(context.runbook(), remediation),
                Optional.of(timeout));
    }

    /** The action name a run, its automation events and the overrides report use. */
    private static String actionName(RemediationSpec remediation) {
        return switch (remediation.type()) {
            case MANUAL -> "manual";
            case ESCALATE -> ActionType.ESCALATE.yamlName();
            case HANDOFF -> "handoff";
            case SUPPRESS -> "suppress";
            case AUTOMATED -> remediation.action().map(a -> a.type().yamlName()).orElse("automated");
        };
    }

    /** What {@code context}'s remediation would do for {@code incident} (a dry run), secrets masked. */
    PreviewResult preview(RemediationTarget incident, RemediationContext context, int attempt) {
        return preview(incident, context, attempt, loopItems(context));
    }

    /** The items of a remediation with {@code forEach} (read once per click), empty for any other. */
    Optional<LoopItems.Resolved> loopItems(RemediationContext context) {
        if (!ActionLoop.applies(context.remediation()) || loops.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(loops.get().items(context));
    }

    /** What {@code context}'s remediation would do for {@code incident} (a dry run), secrets masked. No side effect. */
    PreviewResult preview(
            RemediationTarget incident, RemediationContext context, int attempt, Optional<LoopItems.Resolved> items) {
        RemediationSpec remediation = context.remediation();
        if (remediation.type() == RemediationType.MANUAL) {
            List<String> lines = remediation
                    .instructions()
                    .map(text -> List.of(
                            TextTemplates.render(text, context.inputs()).strip().split("\n", -1)))
                    .orElse(List.of("(no instructions)"));
            return rendered(new ActionPreview("manual step: " + remediation.name(), lines));
        }
        if (escalates(remediation)) {
            EscalationSpec escalation = context.runbook().escalation();
            String to = escalation == null
                    ? "the runbook's escalation targets"
                    : escalation.primary()
                            + escalation.secondary().map(s -> ", then " + s).orElse("");
            return rendered(new ActionPreview(
                    "escalation of " + incident.incidentId(),
                    List.of(
                            "escalate " + incident.incidentId() + " to " + to,
                            ApprovalWording.of(remediation, context.runbook().approvalsNeeded(remediation)))));
        }
        Optional<ActionSpec> action = remediation.action();
        if (action.isEmpty()) {
            return new PreviewResult.Unavailable("automated remediation " + remediation.id() + " has no action");
        }
        Optional<ActionExecutor> executor = executors.forType(action.get().type());
        if (executor.isEmpty()) {
            return new PreviewResult.Unavailable(noExecutor(action.get().type()));
        }
        if (ActionLoop.applies(remediation)) {
            if (items.isEmpty()) {
                return new PreviewResult.Unavailable(remediation.id() + " has forEach or until, which this pipeline"
                        + " cannot run (no diagnostics to read fresh facts from)");
            }
            return loops.get()
                    .preview(
                            context,
                            items.get(),
                            inputs -> previewOne(executor.get(), incident, context, attempt, inputs));
        }
        return previewOne(executor.get(), incident, context, attempt, context.inputs());
    }

    /** One rendering of the action, with {@code inputs} (a loop's item set), secrets masked. */
    private PreviewResult previewOne(
            ActionExecutor executor,
            RemediationTarget incident,
            RemediationContext context,
            int attempt,
            TemplateContext inputs) {
        RemediationSpec remediation = context.remediation();
        ActionSpec action = remediation.action().orElseThrow();
        try {
            return rendered(executor.preview(request(incident, context, attempt, inputs)));
        } catch (ActionException e) {
            return new PreviewResult.Unavailable(
                    mask.apply("cannot render " + remediation.id() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("the {} executor failed to render a preview", action.type().yamlName(), e);
            return new PreviewResult.Unavailable(mask.apply(
                    "the " + action.type().yamlName() + " executor failed to render " + remediation.id() + ": " + e));
        }
    }

    ActionRequest request(RemediationTarget incident, RemediationContext context, int attempt, TemplateContext inputs) {
        RemediationSpec remediation = context.remediation();
        return new ActionRequest(
                remediation.id(),
                remediation.action().orElseThrow(),
                inputs,
                incident.environment(),
                settings.actionTimeout(),
                incident.incidentId() + "/" + remediation.id() + "/" + attempt
                        + inputs.item().map(item -> "/" + LoopItems.label(item)).orElse(""));
    }

    private PreviewResult rendered(ActionPreview preview) {
        List<String> lines = new ArrayList<>(preview.lines().size());
        preview.lines().forEach(line -> lines.add(mask.apply(line)));
        return new PreviewResult.Rendered(new ActionPreview(mask.apply(preview.target()), lines));
    }

    /** True for a remediation the {@link Escalator} carries out. */
    boolean escalates(RemediationSpec remediation) {
        if (remediation.type() == RemediationType.ESCALATE) {
            return true;
        }
        return remediation
                        .action()
                        .map(ActionSpec::type)
                        .filter(t -> t == ActionType.ESCALATE)
                        .isPresent()
                && executors.forType(ActionType.ESCALATE).isEmpty();
    }

    private static String noExecutor(ActionType type) {
        return "no executor is registered for action type " + type.yamlName() + " (is it configured?)";
    }
}

package dev.runbookbot.remediate;

import dev.runbookbot.expr.TextTemplates;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ApprovalWording;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
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

    ActionPreviews(ActionExecutors executors, UnaryOperator<String> mask, PipelineSettings settings) {
        this.executors = executors;
        this.mask = mask;
        this.settings = settings;
    }

    /** What {@code context}'s remediation would do for {@code incident} (a dry run), secrets masked. No side effect. */
    PreviewResult preview(RemediationTarget incident, RemediationContext context, int attempt) {
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
        try {
            return rendered(executor.get().preview(request(incident, context, attempt)));
        } catch (ActionException e) {
            return new PreviewResult.Unavailable(
                    mask.apply("cannot render " + remediation.id() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            log.warn(
                    "the {} executor failed to render a preview",
                    action.get().type().yamlName(),
                    e);
            return new PreviewResult.Unavailable(mask.apply("the "
                    + action.get().type().yamlName() + " executor failed to render " + remediation.id() + ": " + e));
        }
    }

    ActionRequest request(RemediationTarget incident, RemediationContext context, int attempt) {
        RemediationSpec remediation = context.remediation();
        return new ActionRequest(
                remediation.id(),
                remediation.action().orElseThrow(),
                context.inputs(),
                incident.environment(),
                settings.actionTimeout(),
                incident.incidentId() + "/" + remediation.id() + "/" + attempt);
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

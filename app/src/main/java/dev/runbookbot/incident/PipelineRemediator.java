package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ExecutionResult;
import dev.runbookbot.remediate.PreviewResult;
import dev.runbookbot.remediate.RemediationContext;
import dev.runbookbot.remediate.RemediationContexts;
import dev.runbookbot.remediate.RemediationPipeline;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.UnchangedActionGuard;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The incident service's {@link Remediator}, carried out by the {@link RemediationPipeline}: {@link #preview} is the
 * pipeline's preview in the stored form ({@link ActionPreview#text()}, which {@link UnchangedActionGuard} compares
 * before the run executes) and {@link #execute} is {@link RemediationPipeline#execute}, its result put into words for
 * the incident's thread.
 *
 * <p>{@code Remediator.preview} has no attempt number, so previews are rendered for attempt 1 (the idempotency key an
 * {@code http_request} preview shows contains it); the incident service proposes attempt 1. The {@code inputs} given
 * to {@link #execute} are not used: the pipeline reads them through its {@link RemediationContexts} (the same {@code
 * IncidentInputs}), and refuses the run when they are gone instead of rendering with empty values. Thread-safe.
 */
public final class PipelineRemediator implements Remediator {
    public static final int OUTPUT_LINES_SHOWN = 20;

    private final RemediationPipeline pipeline;

    public PipelineRemediator(RemediationPipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public String preview(Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
        PreviewResult result = pipeline.preview(
                incident.target(), new RemediationContext(runbook, remediation, inputs, Optional.empty()), 1);
        if (result instanceof PreviewResult.Rendered rendered) {
            return rendered.preview().text();
        }
        return "(cannot show what " + remediation.id() + " would run: " + ((PreviewResult.Unavailable) result).reason()
                + ")";
    }

    @Override
    public String execute(RunContext context, Actor actor) {
        return describe(pipeline.execute(context, actor.userId()));
    }

    @Override
    public String markDone(RunContext context, Actor actor) {
        return describe(pipeline.markDone(context, actor.userId()));
    }

    /** An execution result in words for the thread: what happened, why, and the first lines of output. */
    public static String describe(ExecutionResult result) {
        if (result instanceof ExecutionResult.Refused refused) {
            return result.runId() + " did not run: " + refused.reason();
        }
        ExecutionResult.Finished finished = (ExecutionResult.Finished) result;
        String label = finished.run().map(r -> r.label()).orElse(result.runId().toString());
        String verdict =
                switch (finished.verdict().verdict()) {
                    case SUCCEEDED -> label + " succeeded: ";
                    case ACCEPTED_FAILURE -> label + " ended with a tolerated outcome: ";
                    case FAILED -> label + " failed: ";
                };
        StringBuilder text =
                new StringBuilder(verdict).append(finished.verdict().reason());
        finished.storeRefusal()
                .ifPresent(why -> text.append(" (not recorded: ").append(why).append(')'));
        if (finished.verificationScheduled()) {
            text.append("; checking whether the service recovered");
        }
        if (!finished.output().isBlank()) {
            String[] lines = finished.output().strip().split("\n", -1);
            text.append("\noutput:");
            for (int i = 0; i < Math.min(lines.length, OUTPUT_LINES_SHOWN); i++) {
                text.append('\n').append(lines[i]);
            }
            if (lines.length > OUTPUT_LINES_SHOWN) {
                text.append("\n(").append(lines.length - OUTPUT_LINES_SHOWN).append(" more lines in the timeline)");
            }
        }
        return text.toString();
    }
}

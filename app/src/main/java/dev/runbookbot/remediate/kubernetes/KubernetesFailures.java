package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.runbook.ConfigProblem;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;

/** Turns what went wrong talking to the Kubernetes API into a {@link ActionOutcome.Failed} a person can act on. */
final class KubernetesFailures {
    private KubernetesFailures() {}

    /** Every problem of an action's config, for a preview or a run that cannot go on. */
    static ActionException invalidConfig(List<ConfigProblem> problems) {
        return new ActionException("invalid config: "
                + problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
    }

    /** A paused Deployment is refused, as {@code kubectl rollout} refuses it. */
    static ActionOutcome.Failed paused(WorkloadTarget target) {
        return new ActionOutcome.Failed(
                "refused: " + target.describe() + " is paused; resume it (kubectl rollout resume) and try again", "");
    }

    static ActionOutcome.Failed notFound(WorkloadTarget target) {
        return new ActionOutcome.Failed(
                target.kind().key() + " " + target.name() + " not found in namespace " + target.namespace() + " "
                        + target.context().map(c -> "(context: " + c + ")").orElse("(default context)")
                        + "; nothing was changed",
                "");
    }

    static ActionOutcome.Failed nodeNotFound(NodeTarget target) {
        return new ActionOutcome.Failed(
                "node " + target.name() + " not found "
                        + target.context().map(c -> "(context: " + c + ")").orElse("(default context)")
                        + "; nothing was changed",
                "");
    }

    /** {@code what} is the attempted operation, e.g. {@code "restart"}. */
    static ActionOutcome.Failed apiError(KubernetesClientException e, WorkloadTarget target, String what) {
        return apiError(e, target.describe(), target.kind().title(), what);
    }

    /**
     * {@code where} describes the object ({@code node/worker-3 (default context)}), {@code kind} names its kind
     * ({@code Node}), {@code what} the attempted operation.
     */
    static ActionOutcome.Failed apiError(KubernetesClientException e, String where, String kind, String what) {
        Throwable cause = rootCause(e);
        if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new ActionOutcome.Failed(
                    what + " of " + where + " was cancelled or timed out before the Kubernetes API answered; check"
                            + " the " + kind + ", the change may or may not have been applied",
                    "");
        }
        if (e.getCode() == 0 && (cause instanceof ConnectException || cause instanceof UnknownHostException)) {
            return new ActionOutcome.Failed(
                    "cannot reach the Kubernetes API for " + where + ": " + cause.getMessage()
                            + "; nothing was changed",
                    "");
        }
        String status = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : String.valueOf(cause.getMessage());
        String reason =
                switch (e.getCode()) {
                    case 401 -> "the Kubernetes API did not accept the bot's credentials (401) for " + where;
                    case 403 -> "the bot may not " + what + " " + where + " (403 Forbidden): " + status;
                    case 404 -> "the Kubernetes API answered 404 for " + where + ": " + status;
                    case 409 ->
                        "the " + kind + " changed while the bot was working on it (409 Conflict): " + status
                                + "; nothing was changed, run it again";
                    case 0 -> "the Kubernetes API call for " + where + " failed: " + status;
                    default ->
                        "the Kubernetes API answered " + e.getCode() + " to " + what + " " + where + ": " + status;
                };
        return new ActionOutcome.Failed(reason, "");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

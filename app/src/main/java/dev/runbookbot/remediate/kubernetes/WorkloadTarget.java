package dev.runbookbot.remediate.kubernetes;

import java.util.Objects;
import java.util.Optional;

/**
 * A workload an action acts on (a Deployment, StatefulSet or DaemonSet), with every name rendered and checked:
 * {@code namespace} is a valid RFC 1123 label, {@code name} a valid RFC 1123 subdomain. An empty {@code context} means
 * the default cluster.
 */
public record WorkloadTarget(String namespace, String name, Optional<String> context, WorkloadKind kind) {
    public WorkloadTarget {
        Objects.requireNonNull(kind, "kind");
    }

    /** A Deployment. */
    public WorkloadTarget(String namespace, String name, Optional<String> context) {
        this(namespace, name, context, WorkloadKind.DEPLOYMENT);
    }

    /** {@code deployment/payment-service -n production (context: prod)}, as a kubectl user would write it. */
    public String kubectlArgs() {
        return kind.key() + "/" + name + " -n " + namespace + " " + contextNote();
    }

    /** {@code deployment/payment-service in namespace production (context: prod)}. */
    public String describe() {
        return kind.key() + "/" + name + " in namespace " + namespace + " " + contextNote();
    }

    /** {@code deployment.apps/payment-service}, the way kubectl names the object in its output. */
    public String objectName() {
        return kind.key() + ".apps/" + name;
    }

    private String contextNote() {
        return context.map(c -> "(context: " + c + ")").orElse("(default context)");
    }
}

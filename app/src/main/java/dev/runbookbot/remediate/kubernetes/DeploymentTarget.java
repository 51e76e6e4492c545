package dev.runbookbot.remediate.kubernetes;

import java.util.Optional;

/**
 * A Deployment an action acts on, with every name rendered and checked: {@code namespace} is a valid RFC 1123 label,
 * {@code deployment} a valid RFC 1123 subdomain. An empty {@code context} means the default cluster.
 */
public record DeploymentTarget(String namespace, String deployment, Optional<String> context) {
    /** {@code deployment/payment-service -n production (context: prod)}, as a kubectl user would write it. */
    public String kubectlArgs() {
        return "deployment/" + deployment + " -n " + namespace + " " + contextNote();
    }

    /** {@code deployment/payment-service in namespace production (context: prod)}. */
    public String describe() {
        return "deployment/" + deployment + " in namespace " + namespace + " " + contextNote();
    }

    /** {@code deployment.apps/payment-service}, the way kubectl names the object in its output. */
    public String objectName() {
        return "deployment.apps/" + deployment;
    }

    private String contextNote() {
        return context.map(c -> "(context: " + c + ")").orElse("(default context)");
    }
}

package dev.runbookbot.remediate.kubernetes;

import java.util.Optional;

/**
 * A node an action acts on, its name rendered and checked as an RFC 1123 subdomain. An empty {@code context} means the
 * default cluster.
 */
public record NodeTarget(String name, Optional<String> context) {
    /** {@code worker-3 (context: prod)}, the arguments a kubectl user would write after {@code kubectl cordon}. */
    public String kubectlArgs() {
        return name + context.map(c -> " --context " + c).orElse("");
    }

    /** {@code node/worker-3 (default context)}. */
    public String describe() {
        return "node/" + name + " " + context.map(c -> "(context: " + c + ")").orElse("(default context)");
    }
}

package dev.runbookbot.remediate.kubernetes;

/**
 * The kinds of workload a Kubernetes action can name, each by its own config key ({@code deployment: api}, {@code
 * statefulset: postgres}, {@code daemonset: node-exporter}) as kubectl names them.
 */
public enum WorkloadKind {
    DEPLOYMENT("deployment", "Deployment"),
    STATEFULSET("statefulset", "StatefulSet"),
    DAEMONSET("daemonset", "DaemonSet");

    private final String key;
    private final String title;

    WorkloadKind(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The config key and kubectl's resource name: {@code statefulset}. */
    public String key() {
        return key;
    }

    /** The API kind: {@code StatefulSet}. */
    public String title() {
        return title;
    }
}

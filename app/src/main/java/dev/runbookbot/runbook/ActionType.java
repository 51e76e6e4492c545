package dev.runbookbot.runbook;

/** What an automated remediation does. */
public enum ActionType {
    RESTART_SERVICE("restart_service"),
    SCALE_UP("scale_up"),
    ROLLBACK("rollback"),
    FLUSH_CACHE("flush_cache"),
    RUN_SCRIPT("run_script"),
    HTTP_REQUEST("http_request"),
    NOTIFY("notify"),
    SILENCE("silence"),
    ESCALATE("escalate"),
    CORDON("cordon"),
    UNCORDON("uncordon"),
    DRAIN("drain");

    private final String yamlName;

    ActionType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}

package dev.runbookbot.runbook;

/** What starts a runbook: an alert, a person, or a metric the bot watches itself. */
public enum TriggerType {
    ALERT("alert"),
    MANUAL("manual"),
    METRIC_THRESHOLD("metric_threshold");

    private final String yamlName;

    TriggerType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}

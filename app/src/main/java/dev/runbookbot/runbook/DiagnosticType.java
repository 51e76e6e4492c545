package dev.runbookbot.runbook;

/** The five diagnostic types of the seed schema, and Prometheus' own view of its scrape targets. */
public enum DiagnosticType {
    PROMETHEUS_QUERY("prometheus_query"),
    PROMETHEUS_TARGETS("prometheus_targets"),
    HTTP_CHECK("http_check"),
    SHELL_COMMAND("shell_command"),
    DATABASE_QUERY("database_query"),
    LOG_SEARCH("log_search");

    private final String yamlName;

    DiagnosticType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}

package dev.runbookbot.runbook;

/** Types a runbook parameter may declare. Values from alerts and chat arrive as text and are checked against these. */
public enum ParameterType {
    STRING,
    INT,
    NUMBER,
    BOOL,
    DURATION
}

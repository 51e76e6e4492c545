package dev.runbookbot.runbook;

/**
 * The seed's remediation kinds (a person follows instructions, the bot acts, or the incident is escalated) and a
 * hand-off (the incident continues under another runbook) and a suppression (the alert is expected: the incident
 * ends with that reason).
 */
public enum RemediationType {
    MANUAL,
    AUTOMATED,
    ESCALATE,
    HANDOFF,
    SUPPRESS
}

package dev.runbookbot.runbook;

/** The seed's remediation kinds: a person follows instructions, the bot acts, or the incident is escalated. */
public enum RemediationType {
    MANUAL,
    AUTOMATED,
    ESCALATE
}

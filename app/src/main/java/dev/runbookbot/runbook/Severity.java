package dev.runbookbot.runbook;

/** Incident priority as the seed defines it: P1 is the most urgent. */
public enum Severity {
    P1,
    P2,
    P3,
    P4
}

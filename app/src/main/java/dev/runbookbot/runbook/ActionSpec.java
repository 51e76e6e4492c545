package dev.runbookbot.runbook;

/** The action an automated remediation performs, with its type-specific configuration. */
public record ActionSpec(ActionType type, StepConfig config) {}

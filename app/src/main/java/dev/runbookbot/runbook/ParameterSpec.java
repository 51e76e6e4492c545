package dev.runbookbot.runbook;

import java.util.Optional;

/**
 * A parameter the runbook declares. Templates may only name declared parameters (as {@code params.<name>}), alert
 * labels ({@code labels.<name>}) and annotations ({@code annotations.<name>}). {@code fromLabel} fills the parameter
 * from an alert label of that name when the alert carries it.
 */
public record ParameterSpec(
        String name,
        ParameterType type,
        Optional<String> defaultValue,
        boolean required,
        Optional<String> fromLabel,
        String description,
        SourceLocation location) {}

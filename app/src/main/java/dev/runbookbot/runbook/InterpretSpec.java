package dev.runbookbot.runbook;

import java.util.Optional;

/**
 * How to read a diagnostic's result: conditions (expression source text) evaluated critical first, then warning, then
 * healthy. When none holds the status is {@code unknown}, never silently {@code healthy}.
 */
public record InterpretSpec(
        Optional<String> critical, Optional<String> warning, Optional<String> healthy, SourceLocation location) {}

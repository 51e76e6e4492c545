package dev.runbookbot.diagnose;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import java.time.Duration;

/**
 * One execution of one diagnostic: the step, the values its templates may use, and the time it has. An executor must
 * return within {@code timeout} (the runner also enforces it, and interrupts the thread).
 */
public record DiagnosticRequest(DiagnosticSpec spec, TemplateContext context, Duration timeout) {}

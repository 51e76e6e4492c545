package dev.runbookbot.incident;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.remediate.StepComparison;
import dev.runbookbot.remediate.Verification;
import dev.runbookbot.remediate.VerificationListener;
import java.util.Locale;

/**
 * Closes the loop in the incident's thread: after a remediation, says whether the service recovered, with the
 * before/after reading of every step that was checked again. Thread-safe.
 */
public final class ThreadVerificationReport implements VerificationListener {
    private final IncidentQueries incidents;
    private final ChatGateway chat;

    public ThreadVerificationReport(IncidentQueries incidents, ChatGateway chat) {
        this.incidents = incidents;
        this.chat = chat;
    }

    @Override
    public void verified(Verification verification) {
        incidents.incident(verification.incidentId()).ifPresent(incident -> chat.note(incident, text(verification)));
    }

    static String text(Verification verification) {
        StringBuilder text = new StringBuilder(
                switch (verification.verdict()) {
                    case RECOVERED -> "Recovered after " + verification.remediationId() + ": ";
                    case NOT_RECOVERED -> "Not recovered after " + verification.remediationId() + ": ";
                    case INCONCLUSIVE -> "Could not tell whether " + verification.remediationId() + " helped: ";
                });
        text.append(verification.reason());
        for (StepComparison step : verification.steps()) {
            text.append("\n• ").append(step.name()).append(": ");
            text.append(step.before().map(ThreadVerificationReport::reading).orElse("(no earlier reading)"));
            text.append(" → ").append(reading(step.after()));
        }
        return text.toString();
    }

    private static String reading(DiagnosticResult result) {
        String evidence = result.evidence().isBlank() ? "" : " (" + result.evidence() + ")";
        return result.status().label().toUpperCase(Locale.ROOT) + evidence;
    }
}

package dev.runbookbot.slack.render;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The progress message in an incident's thread: one line per finished diagnostic (status, reason, an excerpt of the
 * evidence), the steps still running, and a count. The bot posts it once and edits it as results arrive. Reasons and
 * evidence come from the systems being diagnosed and are escaped; each excerpt is cut to {@value #EXCERPT} characters
 * and the message as a whole stays within Slack's limits, every cut pointing at {@code runbookctl timeline INC-n}.
 */
public final class DiagnosisMessage {
    /** Characters of evidence shown per step; the rest is in the timeline. */
    static final int EXCERPT = 600;
    /** Detail lines shown per step. */
    static final int DETAIL_LINES = 3;

    private DiagnosisMessage() {}

    public static SlackMessage render(
            Incident incident, RunbookSpec runbook, List<DiagnosticResult> results, int total, boolean finished) {
        MessageBuilder message = MessageBuilder.message(IncidentMessage.fullRecord(incident));
        appendTo(message, incident, runbook, results, total, finished);
        return message.build(fallback(incident, results, total));
    }

    /** The notification text of the diagnosis so far. */
    static String fallback(Incident incident, List<DiagnosticResult> results, int total) {
        return incident.id() + " diagnosis: " + results.size() + " of " + total + " steps finished";
    }

    /** Adds the diagnosis so far to {@code message} (which may hold more than the diagnosis). */
    static void appendTo(
            MessageBuilder message,
            Incident incident,
            RunbookSpec runbook,
            List<DiagnosticResult> results,
            int total,
            boolean finished) {
        String pointer = IncidentMessage.fullRecord(incident);
        List<DiagnosticResult> ordered = inRunbookOrder(runbook, results);
        message.mrkdwnSection(headline(ordered, total, finished));
        for (DiagnosticResult result : ordered) {
            message.mrkdwnSection(line(result, pointer));
        }
        if (!finished) {
            List<String> waiting = waitingFor(runbook, results, total);
            if (!waiting.isEmpty()) {
                message.context(":hourglass_flowing_sand: Still running: " + String.join(", ", waiting));
            }
        }
        message.context("Full evidence: " + Mrkdwn.inlineCode(pointer));
    }

    private static String headline(List<DiagnosticResult> results, int total, boolean finished) {
        Map<DiagnosticStatus, Integer> counts = new EnumMap<>(DiagnosticStatus.class);
        for (DiagnosticResult r : results) {
            counts.merge(r.status(), 1, Integer::sum);
        }
        String tally = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        String steps = total == 1 ? "1 step" : total + " steps";
        if (finished) {
            return "*Diagnosis finished* (" + steps + ")" + (tally.isEmpty() ? "" : ": " + tally);
        }
        return "*Diagnosing…* " + results.size() + " of " + steps + " finished" + (tally.isEmpty() ? "" : ": " + tally);
    }

    private static String line(DiagnosticResult result, String pointer) {
        StringBuilder text = new StringBuilder()
                .append(StatusMarks.of(result.status()))
                .append(" *")
                .append(Mrkdwn.escape(result.name()))
                .append("*: ")
                .append(result.status().label());
        if (!result.reason().isBlank()) {
            text.append(" (").append(Mrkdwn.escape(oneLine(result.reason()))).append(")");
        }
        String evidence = evidence(result);
        if (!evidence.isBlank()) {
            text.append("\n").append(Mrkdwn.codeBlock(excerpt(evidence, pointer)));
        }
        return text.toString();
    }

    private static String evidence(DiagnosticResult result) {
        List<String> parts = new ArrayList<>();
        if (!result.evidence().isBlank()) {
            parts.add(result.evidence().strip());
        }
        result.details().stream().limit(DETAIL_LINES).forEach(parts::add);
        if (result.details().size() > DETAIL_LINES) {
            parts.add("… " + (result.details().size() - DETAIL_LINES) + " more lines");
        }
        return String.join("\n", parts);
    }

    private static String excerpt(String evidence, String pointer) {
        if (evidence.length() <= EXCERPT) {
            return evidence;
        }
        int end = EXCERPT;
        if (Character.isHighSurrogate(evidence.charAt(end - 1))) {
            end--;
        }
        return evidence.substring(0, end) + "\n… (cut; all of it in " + pointer + ")";
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static List<DiagnosticResult> inRunbookOrder(RunbookSpec runbook, List<DiagnosticResult> results) {
        List<String> ids =
                runbook.diagnostics().stream().map(DiagnosticSpec::id).toList();
        List<DiagnosticResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> {
            int i = ids.indexOf(r.stepId());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return ordered;
    }

    /** The steps not finished yet; unknown when only some of the runbook's steps run ({@code --step}). */
    private static List<String> waitingFor(RunbookSpec runbook, List<DiagnosticResult> results, int total) {
        if (total != runbook.diagnostics().size()) {
            return List.of();
        }
        Set<String> done = new HashSet<>();
        results.forEach(r -> done.add(r.stepId()));
        return runbook.diagnostics().stream()
                .filter(d -> !done.contains(d.id()))
                .map(d -> Mrkdwn.escape(d.name()))
                .toList();
    }
}

package dev.runbookbot.slack.command;

import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RefusedRunbook;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.slack.render.Mrkdwn;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code /runbook list}, {@code /runbook show} and the answer to a runbook id the catalog does not know (with the
 * closest ids): the catalog in mrkdwn, every name and description from a runbook file escaped, refused files marked
 * invalid with their first error. Thread-safe (the catalog is).
 */
final class CatalogAnswers {
    private final Catalog catalog;

    CatalogAnswers(Catalog catalog) {
        this.catalog = catalog;
    }

    String unknownRunbook(String typed) {
        List<String> close = catalog.suggestIds(typed);
        String text = "no runbook " + Mrkdwn.inlineCode(typed);
        if (close.isEmpty()) {
            return text + ". `/runbook list` shows them all.";
        }
        return text + "; did you mean " + close.stream().map(Mrkdwn::inlineCode).collect(Collectors.joining(" or "))
                + "?";
    }

    String list(Optional<String> tag) {
        List<RunbookSpec> shown = catalog.all().stream()
                .filter(r -> tag.isEmpty() || r.tags().stream().anyMatch(t -> t.equalsIgnoreCase(tag.get())))
                .toList();
        List<RefusedRunbook> refused = catalog.refused();
        if (shown.isEmpty()) {
            if (catalog.all().isEmpty()) {
                return "No runbooks are loaded." + refusedLines(refused);
            }
            TreeSet<String> tags = new TreeSet<>();
            catalog.all().forEach(r -> tags.addAll(r.tags()));
            return "No runbook is tagged " + Mrkdwn.inlineCode(tag.orElse("")) + ". Tags in use: "
                    + tags.stream().map(Mrkdwn::escape).collect(Collectors.joining(", ")) + ".";
        }
        StringBuilder text = new StringBuilder("*Runbooks*")
                .append(tag.map(t -> " tagged " + Mrkdwn.inlineCode(t)).orElse(""))
                .append(" (")
                .append(shown.size())
                .append("):");
        for (RunbookSpec r : shown) {
            text.append("\n• ")
                    .append(Mrkdwn.inlineCode(r.id()))
                    .append(" ")
                    .append(Mrkdwn.escape(r.name()))
                    .append(" · ")
                    .append(r.severity())
                    .append(" · ")
                    .append(Mrkdwn.escape(r.service()));
        }
        return text.append(refusedLines(refused))
                .append("\n`/runbook show <runbook>` for details.")
                .toString();
    }

    /** The files the catalog refused, each marked invalid with its first error and what is served meanwhile. */
    private static String refusedLines(List<RefusedRunbook> refused) {
        StringBuilder text = new StringBuilder();
        for (RefusedRunbook r : refused) {
            text.append("\n:x: ")
                    .append(Mrkdwn.inlineCode(String.valueOf(r.file().getFileName())))
                    .append(" *invalid*: ")
                    .append(Mrkdwn.escape(r.firstError()))
                    .append(r.stillServed()
                            .map(old -> " (still serving its previous version of " + Mrkdwn.inlineCode(old.id()) + ")")
                            .orElse(" (not served)"));
        }
        return text.toString();
    }

    String show(String typed) {
        Optional<RunbookSpec> found = catalog.byId(typed);
        if (found.isEmpty()) {
            return ":warning: " + unknownRunbook(typed);
        }
        RunbookSpec r = found.get();
        StringBuilder text = new StringBuilder()
                .append("*")
                .append(Mrkdwn.escape(r.name()))
                .append("* ")
                .append(Mrkdwn.inlineCode(r.id()))
                .append(" · ")
                .append(r.severity())
                .append(" · ")
                .append(Mrkdwn.escape(r.service()))
                .append("\n")
                .append(Mrkdwn.escape(r.description()));
        if (!r.parameters().isEmpty()) {
            text.append("\n*Parameters*");
            for (ParameterSpec p : r.parameters()) {
                text.append("\n• ").append(Mrkdwn.inlineCode(p.name()));
                if (p.required()) {
                    text.append(" (required)");
                }
                p.defaultValue().ifPresent(d -> text.append(" default ").append(Mrkdwn.inlineCode(d)));
                if (!p.description().isBlank()) {
                    text.append(": ").append(Mrkdwn.escape(p.description()));
                }
            }
        }
        text.append("\n*Diagnostics* (run in parallel)");
        for (DiagnosticSpec d : r.diagnostics()) {
            text.append("\n• ")
                    .append(Mrkdwn.inlineCode(d.id()))
                    .append(" ")
                    .append(Mrkdwn.escape(d.name()))
                    .append(" (")
                    .append(d.type().yamlName())
                    .append(")");
        }
        text.append("\n*Remediations*");
        for (RemediationSpec m : r.remediations()) {
            text.append("\n• ")
                    .append(Mrkdwn.inlineCode(m.id()))
                    .append(" ")
                    .append(Mrkdwn.escape(m.name()))
                    .append(" (")
                    .append(m.action()
                            .map(a -> a.type().yamlName())
                            .orElse(m.type().name().toLowerCase(Locale.ROOT)))
                    .append(
                            r.approvalsNeeded(m) > 0
                                    ? ", needs approval"
                                    : m.type() == RemediationType.ESCALATE
                                            ? ", runs without approval"
                                            : m.safety().needsHuman() ? ", needs approval" : ", safe")
                    .append(")");
        }
        text.append("\nRun it: ").append(Mrkdwn.inlineCode("/runbook run " + r.id()));
        return text.toString();
    }
}

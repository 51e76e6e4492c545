package dev.runbookbot.lint;

import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ids and names are well-formed and unique within the runbook: the runbook id is typed in Slack, diagnostic ids are
 * read by conditions as {@code diagnostics.<id>}, parameter names by templates as {@code params.<name>}.
 */
final class IdRule implements RunbookRule {
    private static final Pattern RUNBOOK_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REMEDIATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        if (!runbook.id().isEmpty() && !RUNBOOK_ID.matcher(runbook.id()).matches()) {
            f.error(
                    "id",
                    "runbook id '" + runbook.id() + "' may only use lower-case letters, digits, '.', '_' and '-'",
                    "people type it: /runbook run <id>");
        }
        Map<String, String> seen = new HashMap<>();
        for (DiagnosticSpec d : runbook.diagnostics()) {
            String path = Findings.child(f.pathOf(d), "id");
            if (d.id().isEmpty()) {
                continue;
            }
            if (!IDENTIFIER.matcher(d.id()).matches()) {
                f.error(
                        path,
                        "diagnostic id '" + d.id() + "' cannot be read by conditions",
                        "use letters, digits and '_' (conditions read diagnostics." + d.id().replaceAll("\\W", "_")
                                + ".status)");
            }
            duplicate(f, seen, "diagnostic id", d.id(), path);
        }
        seen.clear();
        for (RemediationSpec r : runbook.remediations()) {
            String path = Findings.child(f.pathOf(r), "id");
            if (r.id().isEmpty()) {
                continue;
            }
            if (!REMEDIATION_ID.matcher(r.id()).matches()) {
                f.error(path, "remediation id '" + r.id() + "' may only use letters, digits, '.', '_' and '-'", "");
            }
            duplicate(f, seen, "remediation id", r.id(), path);
        }
        seen.clear();
        for (ParameterSpec p : runbook.parameters()) {
            String path = Findings.child(f.pathOf(p), "name");
            if (p.name().isEmpty()) {
                continue;
            }
            if (!IDENTIFIER.matcher(p.name()).matches()) {
                f.error(
                        path,
                        "parameter name '" + p.name() + "' cannot be used in templates",
                        "use letters, digits and '_' (templates read {{ params.<name> }})");
            }
            duplicate(f, seen, "parameter", p.name(), path);
        }
    }

    private static void duplicate(Findings f, Map<String, String> seen, String what, String id, String path) {
        String first = seen.putIfAbsent(id, path);
        if (first != null) {
            f.error(
                    path,
                    "duplicate " + what + " '" + id + "' (first at line "
                            + f.at(first).line() + ")",
                    "");
        }
    }
}

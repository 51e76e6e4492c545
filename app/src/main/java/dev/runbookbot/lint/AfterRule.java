package dev.runbookbot.lint;

import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A remediation's {@code after} names other remediations of the runbook that must have succeeded first in the same
 * incident: each must exist, differ from itself and be something that runs and can succeed (not a hand-off or a
 * suppression); the orderings form no cycle (reported once, at the first remediation in it, with the whole loop). A
 * hand-off or a suppression cannot wait for anything: it is not a run.
 */
final class AfterRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Map<String, RemediationSpec> defined = new LinkedHashMap<>();
        runbook.remediations().forEach(r -> defined.putIfAbsent(r.id(), r));
        boolean referencesOk = true;
        for (RemediationSpec remediation : runbook.remediations()) {
            List<String> after = remediation.preconditions().after();
            if (after.isEmpty()) {
                continue;
            }
            String path = Findings.child(f.pathOf(remediation), "after");
            if (notARun(remediation)) {
                referencesOk = false;
                f.error(
                        path,
                        "'after' orders runs, but '" + remediation.id() + "' is a " + kind(remediation)
                                + ", which is not a run",
                        "remove 'after'");
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < after.size(); i++) {
                String name = after.get(i);
                String at = f.sources().has(path + "[" + i + "]") ? path + "[" + i + "]" : path;
                RemediationSpec first = defined.get(name);
                if (name.equals(remediation.id())) {
                    referencesOk = false;
                    f.error(at, "remediation '" + name + "' runs after itself", "remove it from 'after'");
                } else if (first == null) {
                    referencesOk = false;
                    f.error(
                            at,
                            "remediation '" + remediation.id() + "' runs after '" + name
                                    + "', which this runbook does not define",
                            ClosestNames.best(name, defined.keySet())
                                    .map(s -> "did you mean '" + s + "'?")
                                    .orElse("this runbook defines: " + String.join(", ", defined.keySet())));
                } else if (notARun(first)) {
                    referencesOk = false;
                    f.error(
                            at,
                            "remediation '" + remediation.id() + "' runs after '" + name + "', a " + kind(first)
                                    + ", which never succeeds as a run",
                            "name a remediation the bot runs or a person marks done");
                } else if (!seen.add(name)) {
                    f.warning(at, "'" + name + "' is named twice in 'after'", "name it once");
                }
            }
        }
        if (!referencesOk) {
            return;
        }
        cycle(runbook).ifPresent(loop -> runbook.remediation(loop.get(0))
                .ifPresent(r -> f.error(
                        Findings.child(f.pathOf(r), "after"),
                        "'after' forms a cycle: " + String.join(" -> ", loop),
                        "none of them could ever run; remove one of these orderings")));
    }

    private static boolean notARun(RemediationSpec remediation) {
        return remediation.type() == RemediationType.HANDOFF || remediation.type() == RemediationType.SUPPRESS;
    }

    private static String kind(RemediationSpec remediation) {
        return remediation.type() == RemediationType.HANDOFF ? "hand-off" : "suppression";
    }

    /** The first cycle of {@code after} orderings, as {@code a -> b -> a}, in runbook order. */
    static Optional<List<String>> cycle(RunbookSpec runbook) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        runbook.remediations()
                .forEach(r -> edges.putIfAbsent(r.id(), r.preconditions().after()));
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            Optional<List<String>> found = visit(start, edges, new ArrayList<>(), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(
            String node, Map<String, List<String>> edges, List<String> path, Set<String> done) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> loop = new ArrayList<>(path.subList(at, path.size()));
            loop.add(node);
            return Optional.of(loop);
        }
        if (done.contains(node) || !edges.containsKey(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (String next : edges.get(node)) {
            Optional<List<String>> found = visit(next, edges, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return Optional.empty();
    }
}

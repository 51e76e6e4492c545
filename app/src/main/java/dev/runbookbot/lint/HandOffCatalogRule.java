package dev.runbookbot.lint;

import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.HandOffSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SourceLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-offs across the catalog: the target runbook exists (by id or alias), every {@code with} key is one of its
 * parameters, every parameter it requires is given (in {@code with}, by a default, or from an alert label), and no
 * chain of hand-offs comes back to a runbook already on it (itself directly, or through others), since that incident
 * would never settle. Each problem is placed at the hand-off that causes it.
 */
final class HandOffCatalogRule {
    private record Edge(CatalogRule.Entry from, RemediationSpec remediation, RunbookSpec to) {
        SourceLocation at(String key) {
            String path = from.loaded().sources().pathOf(remediation).orElse("remediations");
            return from.loaded().sources().at(path + "." + key);
        }
    }

    void check(List<CatalogRule.Entry> entries, List<Problem> out) {
        Map<String, RunbookSpec> byName = new HashMap<>();
        for (CatalogRule.Entry entry : entries) {
            RunbookSpec runbook = entry.runbook();
            byName.putIfAbsent(runbook.id(), runbook);
            runbook.aliases().forEach(alias -> byName.putIfAbsent(alias, runbook));
        }
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        for (CatalogRule.Entry entry : entries) {
            for (RemediationSpec remediation : entry.runbook().remediations()) {
                if (remediation.handOff().isEmpty()) {
                    continue;
                }
                HandOffSpec handOff = remediation.handOff().get();
                RunbookSpec target = byName.get(handOff.runbook());
                if (target == null) {
                    Edge dangling = new Edge(entry, remediation, entry.runbook());
                    out.add(Problem.error(
                            dangling.at("runbook"),
                            "hand-off '" + remediation.id() + "' starts runbook '" + handOff.runbook()
                                    + "', which is not in the catalog",
                            ClosestNames.best(handOff.runbook(), byName.keySet())
                                    .map(s -> "did you mean '" + s + "'?")
                                    .orElse("name a runbook id or alias of the same directory")));
                    continue;
                }
                Edge edge = new Edge(entry, remediation, target);
                parameters(edge, handOff, out);
                edges.computeIfAbsent(entry.runbook().id(), k -> new ArrayList<>())
                        .add(edge);
            }
        }
        for (List<Edge> from : edges.values()) {
            for (Edge edge : from) {
                path(edge.to().id(), edge.from().runbook().id(), edges)
                        .ifPresent(cycle -> out.add(Problem.error(
                                edge.at("runbook"),
                                cycle.size() == 1
                                        ? "hand-off '" + edge.remediation().id() + "' starts its own runbook '"
                                                + edge.to().id() + "'"
                                        : "hand-offs form a cycle: "
                                                + edge.from().runbook().id() + " -> " + String.join(" -> ", cycle),
                                "a chain of hand-offs must end; run the diagnostics again with a button instead")));
            }
        }
    }

    private static void parameters(Edge edge, HandOffSpec handOff, List<Problem> out) {
        RunbookSpec target = edge.to();
        List<String> names =
                target.parameters().stream().map(ParameterSpec::name).toList();
        for (String given : handOff.with().keySet()) {
            if (!names.contains(given)) {
                out.add(Problem.error(
                        edge.at("with." + given),
                        "hand-off '" + edge.remediation().id() + "' gives parameter '" + given + "', which runbook '"
                                + target.id() + "' does not declare",
                        ClosestNames.best(given, names)
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse(
                                        names.isEmpty()
                                                ? "it declares no parameters"
                                                : "it declares " + String.join(", ", names))));
            }
        }
        for (ParameterSpec parameter : target.parameters()) {
            boolean filled = handOff.with().containsKey(parameter.name())
                    || parameter.defaultValue().isPresent()
                    || parameter.fromLabel().isPresent();
            if (parameter.required() && !filled) {
                out.add(Problem.error(
                        edge.at("runbook"),
                        "hand-off '" + edge.remediation().id() + "' starts runbook '" + target.id()
                                + "' without its required parameter '" + parameter.name() + "'",
                        "give it under with: {" + parameter.name() + ": ...}"));
            }
        }
    }

    /**
     * The runbooks from {@code start} to {@code goal} following hand-offs ({@code start} first, {@code goal} last),
     * breadth first so the shortest cycle is reported; empty when {@code goal} cannot be reached.
     */
    private static Optional<List<String>> path(String start, String goal, Map<String, List<Edge>> edges) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        cameFrom.put(start, start);
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            if (at.equals(goal)) {
                List<String> path = new ArrayList<>();
                for (String step = at; ; step = cameFrom.get(step)) {
                    path.add(0, step);
                    if (step.equals(start)) {
                        return Optional.of(path);
                    }
                }
            }
            for (Edge edge : edges.getOrDefault(at, List.of())) {
                if (cameFrom.putIfAbsent(edge.to().id(), at) == null) {
                    queue.addLast(edge.to().id());
                }
            }
        }
        return Optional.empty();
    }
}

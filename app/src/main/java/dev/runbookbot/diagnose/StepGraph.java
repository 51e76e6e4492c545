package dev.runbookbot.diagnose;

import dev.runbookbot.runbook.DiagnosticSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code needs} between a run's diagnostic steps: an order in which every step comes after the steps it needs
 * (otherwise the runbook's order), each step's ancestors (the steps it needs, directly or through another), and what
 * keeps a step from running at all: a need that names no step of the run, or a cycle. Lint refuses both, so at run
 * time they only concern a runbook that bypassed it. Immutable and thread-safe.
 */
public final class StepGraph {
    private final Map<String, DiagnosticSpec> byId = new LinkedHashMap<>();
    private final List<DiagnosticSpec> order = new ArrayList<>();
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final Map<String, Set<String>> ancestors = new LinkedHashMap<>();

    private StepGraph(List<DiagnosticSpec> steps) {
        steps.forEach(s -> byId.putIfAbsent(s.id(), s));
        Set<String> visiting = new LinkedHashSet<>();
        for (DiagnosticSpec step : byId.values()) {
            visit(step, visiting);
        }
    }

    public static StepGraph of(List<DiagnosticSpec> steps) {
        return new StepGraph(steps);
    }

    private Set<String> visit(DiagnosticSpec step, Set<String> visiting) {
        Set<String> known = ancestors.get(step.id());
        if (known != null) {
            return known;
        }
        if (!visiting.add(step.id())) {
            List<String> path = new ArrayList<>(visiting);
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(step.id()), path.size()));
            cycle.add(step.id());
            String text = String.join(" -> ", cycle);
            for (String member : cycle) {
                problems.putIfAbsent(member, "its needs form a cycle: " + text);
            }
            return Set.of();
        }
        Set<String> mine = new LinkedHashSet<>();
        for (String need : step.needs()) {
            DiagnosticSpec needed = byId.get(need);
            if (needed == null) {
                problems.putIfAbsent(step.id(), "it needs '" + need + "', which is not a step of this run");
                continue;
            }
            mine.addAll(visit(needed, visiting));
            mine.add(need);
            if (problems.containsKey(need)) {
                problems.putIfAbsent(step.id(), "it needs '" + need + "', which cannot run: " + problems.get(need));
            }
        }
        visiting.remove(step.id());
        ancestors.put(step.id(), Set.copyOf(mine));
        order.add(step);
        return mine;
    }

    /** Every step, each after the steps it needs. */
    public List<DiagnosticSpec> order() {
        return List.copyOf(order);
    }

    /** Why {@code stepId} cannot run (an unknown need, a cycle), if it cannot. */
    public Optional<String> problem(String stepId) {
        return Optional.ofNullable(problems.get(stepId));
    }

    /** The steps {@code stepId} needs, directly or through another step. */
    public Set<String> ancestors(String stepId) {
        return ancestors.getOrDefault(stepId, Set.of());
    }

    /** The first cycle among {@code steps}' needs, as {@code a -> b -> a}; empty when there is none. */
    public static Optional<List<String>> cycle(List<DiagnosticSpec> steps) {
        StepGraph graph = new StepGraph(steps);
        return graph.problems.values().stream()
                .filter(p -> p.startsWith("its needs form a cycle: "))
                .findFirst()
                .map(p ->
                        List.of(p.substring("its needs form a cycle: ".length()).split(" -> ")));
    }

    /** {@code chosen} with every step they need, directly or not, in {@code all}'s order. */
    public static List<DiagnosticSpec> withNeeds(List<DiagnosticSpec> all, Collection<DiagnosticSpec> chosen) {
        StepGraph graph = new StepGraph(all);
        Set<String> wanted = new LinkedHashSet<>();
        for (DiagnosticSpec step : chosen) {
            wanted.add(step.id());
            wanted.addAll(graph.ancestors(step.id()));
        }
        return all.stream().filter(s -> wanted.contains(s.id())).toList();
    }
}

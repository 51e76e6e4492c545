package dev.runbookbot.runbooktest;

import dev.runbookbot.runbook.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a case expects; a key left out is not checked, and at least one is given.
 *
 * @param runbook the runbook the case's alert starts (the catalog's choice for its name and labels)
 * @param severity the overall severity: {@code healthy}, {@code warning}, {@code critical} or {@code unknown}
 * @param steps status by step id, for the steps named
 * @param decisions the matched decisions, numbered from 1 in {@code decisionTree} order as the reports print them
 * @param plan the proposed remediation ids, in order
 * @param handOff the runbook the plan hands the incident off to (its id as the hand-off names it)
 * @param locations where each key was written ({@code runbook}, {@code severity}, {@code steps}, ...), for messages
 */
public record CaseExpectation(
        Optional<String> runbook,
        Optional<String> severity,
        Map<String, String> steps,
        Optional<List<Integer>> decisions,
        Optional<List<String>> plan,
        Optional<String> handOff,
        Map<String, SourceLocation> locations) {
    public CaseExpectation {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        decisions = decisions.map(List::copyOf);
        plan = plan.map(List::copyOf);
        locations = Map.copyOf(locations);
    }

    /** An expectation that says nothing about a hand-off. */
    public CaseExpectation(
            Optional<String> runbook,
            Optional<String> severity,
            Map<String, String> steps,
            Optional<List<Integer>> decisions,
            Optional<List<String>> plan,
            Map<String, SourceLocation> locations) {
        this(runbook, severity, steps, decisions, plan, Optional.empty(), locations);
    }
}

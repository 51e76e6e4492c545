package dev.runbookbot.lint;

import dev.runbookbot.runbook.LabelMatcher;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks across the runbooks of one catalog: runbook ids and aliases are unique, no two runbooks claim the same alert
 * ambiguously, and no PagerDuty service maps to two runbooks. Two alert triggers with the same alert name are
 * ambiguous when some alert could match both (no matcher of one rules out a matcher of the other on the same label, see
 * {@link LabelMatcher#excludes}) and neither trigger
 * is more specific than the other (its matchers include all of the other's), since then "most specific wins" cannot
 * choose.
 */
final class CatalogRule {
    /** A runbook of the catalog with its file, for placing problems. */
    record Entry(LoadedRunbook loaded, RunbookSpec runbook) {}

    private record Claim(Entry entry, TriggerSpec trigger, SourceLocation at) {}

    void check(List<Entry> entries, List<Problem> out) {
        names(entries, out);
        alerts(entries, out);
        pagerDuty(entries, out);
    }

    private static void names(List<Entry> entries, List<Problem> out) {
        Map<String, Entry> byId = new HashMap<>();
        for (Entry entry : entries) {
            String id = entry.runbook().id();
            if (id.isEmpty()) {
                continue;
            }
            Entry first = byId.putIfAbsent(id, entry);
            if (first != null) {
                out.add(Problem.error(
                        entry.loaded().sources().at("id"),
                        "duplicate runbook id '" + id + "' (also in "
                                + first.loaded().sources().at("id") + ")",
                        "runbook ids are unique across the catalog"));
            }
        }
        Map<String, Entry> byAlias = new HashMap<>();
        for (Entry entry : entries) {
            List<String> aliases = entry.runbook().aliases();
            for (int i = 0; i < aliases.size(); i++) {
                String alias = aliases.get(i);
                SourceLocation at = entry.loaded().sources().at("aliases[" + i + "]");
                Entry owner = byId.get(alias);
                Entry earlier = byAlias.putIfAbsent(alias, entry);
                if (owner != null && owner != entry) {
                    out.add(Problem.error(
                            at,
                            "alias '" + alias + "' is the id of runbook '" + alias + "' ("
                                    + owner.loaded().sources().at("id") + ")",
                            "an alias must not shadow another runbook"));
                } else if (earlier != null && earlier != entry) {
                    out.add(Problem.error(
                            at,
                            "alias '" + alias + "' is also an alias of runbook '"
                                    + earlier.runbook().id() + "' ("
                                    + earlier.loaded().file() + ")",
                            "aliases are unique across the catalog"));
                }
            }
        }
    }

    private static void alerts(List<Entry> entries, List<Problem> out) {
        Map<String, List<Claim>> byAlert = new HashMap<>();
        for (Entry entry : entries) {
            for (TriggerSpec trigger : entry.runbook().triggers()) {
                if (trigger.type() != TriggerType.ALERT || trigger.alertName().isEmpty()) {
                    continue;
                }
                String path = entry.loaded().sources().pathOf(trigger).orElse("triggers");
                Claim claim = new Claim(entry, trigger, entry.loaded().sources().at(path + ".alertName"));
                List<Claim> earlier =
                        byAlert.computeIfAbsent(trigger.alertName().get(), k -> new ArrayList<>());
                for (Claim other : earlier) {
                    if (other.entry() != entry && ambiguous(other.trigger(), trigger)) {
                        out.add(Problem.error(
                                claim.at(),
                                "alert '" + trigger.alertName().get() + "' is also claimed by runbook '"
                                        + other.entry().runbook().id() + "' (" + other.at()
                                        + ") with matchers that do not tell them apart",
                                "add a label matcher that differs between the two, or make one trigger's matchers"
                                        + " include all of the other's"));
                        break;
                    }
                }
                earlier.add(claim);
            }
        }
    }

    /** Some alert matches both, and neither trigger's matchers include all of the other's. */
    static boolean ambiguous(TriggerSpec a, TriggerSpec b) {
        for (LabelMatcher matcher : a.labelMatchers()) {
            for (LabelMatcher other : b.labelMatchers()) {
                if (matcher.excludes(other)) {
                    return false;
                }
            }
        }
        boolean aIncludesB = a.matchers().entrySet().containsAll(b.matchers().entrySet());
        boolean bIncludesA = b.matchers().entrySet().containsAll(a.matchers().entrySet());
        return aIncludesB == bIncludesA;
    }

    private static void pagerDuty(List<Entry> entries, List<Problem> out) {
        Map<String, Claim> byService = new HashMap<>();
        for (Entry entry : entries) {
            for (TriggerSpec trigger : entry.runbook().triggers()) {
                Optional<String> service = trigger.pagerdutyService();
                if (service.isEmpty()) {
                    continue;
                }
                String path = entry.loaded().sources().pathOf(trigger).orElse("triggers");
                Claim claim = new Claim(entry, trigger, entry.loaded().sources().at(path + ".pagerdutyService"));
                Claim first = byService.putIfAbsent(service.get(), claim);
                if (first != null && first.entry() != entry) {
                    out.add(Problem.error(
                            claim.at(),
                            "PagerDuty service '" + service.get() + "' is also mapped to runbook '"
                                    + first.entry().runbook().id() + "' (" + first.at() + ")",
                            "map each PagerDuty service to one runbook"));
                }
            }
        }
    }
}

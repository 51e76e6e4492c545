package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ExpectSpec;
import dev.runbookbot.runbook.HandOffSpec;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.PreconditionSpec;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.SourceMap;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps one entry of a runbook's {@code remediations} onto a {@link RemediationSpec}: its action, safety and
 * {@code expect} patterns, and the keys only some types take ({@code reason} for {@code suppress}, {@code runbook} and
 * {@code with} for {@code handoff}), refused on the others so a forgotten {@code type} is not silently inert. Not
 * thread-safe: one instance serves one file.
 */
final class RemediationReader {
    private final List<Problem> problems;
    private final SourceMap.Builder sources;
    private final ConfigBlocks configs;
    private final LoopReader loops;

    RemediationReader(List<Problem> problems, SourceMap.Builder sources, ConfigBlocks configs, LoopReader loops) {
        this.problems = problems;
        this.sources = sources;
        this.configs = configs;
        this.loops = loops;
    }

    RemediationSpec read(Fields.Indexed item) {
        Fields f = new Fields(item.map(), item.path(), RunbookFormat.REMEDIATION, problems);
        String id = f.requiredText("id");
        String name = f.requiredText("name");
        String description = f.requiredText("description");
        RemediationType type = f.choice("type", RemediationType.values(), RemediationReader::lower)
                .orElse(null);
        Optional<ActionSpec> action = f.map("action").map(map -> action(map, f.path("action")));
        Optional<String> instructions = f.text("instructions");
        boolean requiresApproval = f.bool("requiresApproval").orElse(false);
        SafetySpec safety = f.map("safety")
                .map(map -> safety(map, f.path("safety"), requiresApproval))
                .orElse(new SafetySpec(requiresApproval, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT));
        List<ExpectSpec> expect = new ArrayList<>();
        for (Fields.Indexed e : f.mapList("expect")) {
            Fields ef = new Fields(e.map(), e.path(), RunbookFormat.EXPECT, problems);
            expect.add(sources.register(
                    new ExpectSpec(
                            ef.requiredText("pattern"), ef.bool("allow_failure").orElse(false)),
                    e.path()));
        }
        return RemediationSpec.of(id, name, type, item.map().location())
                .description(description)
                .action(action)
                .instructions(instructions)
                .safety(safety)
                .expect(expect)
                .handOff(handOff(f, type))
                .reason(reason(f, type))
                .preconditions(new PreconditionSpec(f.text("require"), f.textOrTextList("after")))
                .forEach(loops.forEach(f, LoopSpec.DEFAULT_ACTION_CONCURRENCY))
                .until(loops.until(f))
                .build();
    }

    /** A key that remediations of {@code type} require (the shape cannot say so: other types must not have it). */
    private String requiredFor(Fields f, String key, String type) {
        if (f.node(key).isEmpty()) {
            problems.add(Problem.error(
                    f.location(), f.describe() + " is missing required key '" + key + "' (type " + type + ")"));
        }
        return f.requiredText(key);
    }

    /** A {@code suppress} remediation's reason (required there, refused on any other type). */
    private Optional<String> reason(Fields f, RemediationType type) {
        if (type == RemediationType.SUPPRESS) {
            return Optional.of(requiredFor(f, "reason", "suppress"));
        }
        if (f.node("reason").isPresent()) {
            problems.add(Problem.error(
                    f.location("reason"),
                    "'reason' belongs to a suppression, but " + f.describe() + " has type "
                            + (type == null ? "(none)" : lower(type)),
                    "write 'type: suppress' to end the incident as expected, or remove 'reason'"));
        }
        return Optional.empty();
    }

    /**
     * A {@code handoff} remediation's target runbook and parameters; {@code runbook} is required there and {@code
     * runbook}/{@code with} are refused on any other type, so a forgotten {@code type: handoff} is not silently inert.
     */
    private Optional<HandOffSpec> handOff(Fields f, RemediationType type) {
        if (type != RemediationType.HANDOFF) {
            for (String key : List.of("runbook", "with")) {
                if (f.node(key).isPresent()) {
                    problems.add(Problem.error(
                            f.location(key),
                            "'" + key + "' belongs to a hand-off, but " + f.describe() + " has type "
                                    + (type == null ? "(none)" : lower(type)),
                            "write 'type: handoff' to start another runbook, or remove '" + key + "'"));
                }
            }
            return Optional.empty();
        }
        String target = requiredFor(f, "runbook", "handoff");
        Map<String, String> with = f.textMap("with");
        return Optional.of(new HandOffSpec(target, with));
    }

    private ActionSpec action(YamlNode.YamlMap map, String path) {
        Fields f = new Fields(map, path, RunbookFormat.ACTION, problems);
        ActionType type =
                f.choice("type", ActionType.values(), ActionType::yamlName).orElse(null);
        StepConfig config =
                f.node("config").isPresent() ? configs.read(f, "config") : StepConfig.empty(f.path("config"));
        return sources.register(new ActionSpec(type, config), path);
    }

    private SafetySpec safety(YamlNode.YamlMap map, String path, boolean requiresApproval) {
        Fields f = new Fields(map, path, RunbookFormat.SAFETY, problems);
        boolean safe = f.bool("safe").orElse(false);
        List<String> scopes = f.textList("scopes");
        java.time.Duration timeout = f.duration("approvalTimeout").orElse(SafetySpec.DEFAULT_APPROVAL_TIMEOUT);
        return sources.register(new SafetySpec(requiresApproval, safe, scopes, timeout), path);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

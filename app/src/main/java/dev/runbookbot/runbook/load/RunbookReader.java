package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ApprovalSpec;
import dev.runbookbot.runbook.DecisionMatch;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.ExpectSpec;
import dev.runbookbot.runbook.HandOffSpec;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.ParameterType;
import dev.runbookbot.runbook.PreconditionSpec;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.SourceMap;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps one runbook's {@link YamlNode} tree onto the {@code runbook} records, reporting every structural problem
 * (unknown or missing keys, wrong types, invalid enum values, unreadable durations). A value that is invalid becomes
 * {@code null} (enums, escalation) or its default in the draft, so later checks can still run; such a draft is never
 * handed to the bot. Not thread-safe: one instance reads one file.
 */
final class RunbookReader {
    private final Path file;
    private final List<Problem> problems;
    private final SourceMap.Builder sources;
    private final LoopReader loops;

    RunbookReader(Path file, List<Problem> problems, SourceMap.Builder sources) {
        this.file = file;
        this.problems = problems;
        this.sources = sources;
        this.loops = new LoopReader(problems, sources, this::plain);
    }

    RunbookSpec read(YamlNode.YamlMap root, String version) {
        Fields f = new Fields(root, "", RunbookFormat.RUNBOOK, problems);
        String id = f.requiredText("id");
        String name = f.requiredText("name");
        String description = f.requiredText("description");
        Severity severity =
                f.choice("severity", Severity.values(), Severity::name).orElse(null);
        String service = f.requiredText("service");
        List<String> tags = f.textList("tags");
        List<String> aliases = f.textList("aliases");
        String body = f.text("body").orElse("");
        List<ParameterSpec> parameters = new ArrayList<>();
        for (Fields.Indexed item : f.mapList("parameters")) {
            parameters.add(sources.register(parameter(item), item.path()));
        }
        List<TriggerSpec> triggers = new ArrayList<>();
        for (Fields.Indexed item : f.mapList("triggers")) {
            triggers.add(sources.register(trigger(item), item.path()));
        }
        List<DiagnosticSpec> diagnostics = new ArrayList<>();
        for (Fields.Indexed item : f.mapList("diagnostics")) {
            diagnostics.add(sources.register(diagnostic(item), item.path()));
        }
        DecisionMatch decisionMatch = f.choice("decisionMatch", DecisionMatch.values(), DecisionMatch::yamlName)
                .orElse(DecisionMatch.ALL);
        List<DecisionSpec> decisions = new ArrayList<>();
        for (Fields.Indexed item : f.mapList("decisionTree")) {
            decisions.add(sources.register(decision(item), item.path()));
        }
        List<RemediationSpec> remediations = new ArrayList<>();
        for (Fields.Indexed item : f.mapList("remediations")) {
            remediations.add(sources.register(remediation(item), item.path()));
        }
        EscalationSpec escalation = f.map("escalation").map(this::escalation).orElse(null);
        ApprovalSpec approval = f.map("approval").map(this::approval).orElse(ApprovalSpec.defaults());
        return new RunbookSpec(
                id,
                name,
                description,
                severity,
                service,
                tags,
                aliases,
                body,
                parameters,
                triggers,
                diagnostics,
                decisions,
                decisionMatch,
                remediations,
                escalation,
                approval,
                version,
                file);
    }

    private ParameterSpec parameter(Fields.Indexed item) {
        Fields f = new Fields(item.map(), item.path(), RunbookFormat.PARAMETER, problems);
        String name = f.requiredText("name");
        ParameterType type =
                f.choice("type", ParameterType.values(), RunbookReader::lower).orElse(ParameterType.STRING);
        Optional<String> defaultValue = f.text("default");
        boolean required = f.bool("required").orElse(false);
        Optional<String> fromLabel = f.text("fromLabel");
        String description = f.text("description").orElse("");
        return new ParameterSpec(
                name,
                type,
                defaultValue,
                required,
                fromLabel,
                description,
                item.map().location());
    }

    private TriggerSpec trigger(Fields.Indexed item) {
        Fields f = new Fields(item.map(), item.path(), RunbookFormat.TRIGGER, problems);
        TriggerType type =
                f.choice("type", TriggerType.values(), TriggerType::yamlName).orElse(null);
        Optional<String> alertName = f.text("alertName");
        Map<String, String> matchers = f.textMap("matchers");
        Optional<String> metricQuery = f.text("metricQuery");
        Optional<Double> threshold = f.number("threshold");
        String operator = f.text("operator").orElse(">");
        Optional<String> pagerdutyService = f.text("pagerdutyService");
        return new TriggerSpec(
                type,
                alertName,
                matchers,
                metricQuery,
                threshold,
                operator,
                pagerdutyService,
                item.map().location());
    }

    private DiagnosticSpec diagnostic(Fields.Indexed item) {
        Fields f = new Fields(item.map(), item.path(), RunbookFormat.DIAGNOSTIC, problems);
        String id = f.requiredText("id");
        String name = f.requiredText("name");
        String description = f.requiredText("description");
        DiagnosticType type = f.choice("type", DiagnosticType.values(), DiagnosticType::yamlName)
                .orElse(null);
        StepConfig config = config(f, "config");
        java.time.Duration timeout = f.duration("timeout").orElse(DiagnosticSpec.DEFAULT_TIMEOUT);
        InterpretSpec interpret = f.map("interpret")
                .map(map -> interpret(map, f.path("interpret")))
                .orElse(new InterpretSpec(Optional.empty(), Optional.empty(), Optional.empty(), f.location()));
        List<String> needs = f.textOrTextList("needs");
        Optional<String> when = f.text("when");
        return new DiagnosticSpec(
                id,
                name,
                description,
                type,
                config,
                timeout,
                interpret,
                needs,
                when,
                item.map().location(),
                loops.forEach(f, LoopSpec.DEFAULT_DIAGNOSTIC_CONCURRENCY));
    }

    private InterpretSpec interpret(YamlNode.YamlMap map, String path) {
        Fields f = new Fields(map, path, RunbookFormat.INTERPRET, problems);
        return sources.register(
                new InterpretSpec(f.text("critical"), f.text("warning"), f.text("healthy"), map.location()), path);
    }

    private DecisionSpec decision(Fields.Indexed item) {
        Fields f = new Fields(item.map(), item.path(), RunbookFormat.DECISION, problems);
        boolean fallback = f.bool("else").orElse(false);
        String condition;
        if (fallback) {
            if (f.node("condition").isPresent()) {
                problems.add(Problem.error(
                        f.location("condition"),
                        "an else branch has no condition",
                        "it holds when no branch before it did; remove 'condition' or 'else'"));
            }
            condition = "";
        } else if (f.node("condition").isEmpty()) {
            problems.add(Problem.error(
                    item.map().location(),
                    f.describe() + " is missing required key 'condition'",
                    "or write 'else: true' for the branch that holds when none before it did"));
            condition = "";
        } else {
            condition = f.requiredText("condition");
        }
        List<String> then = f.textList("then");
        String description = f.requiredText("description");
        return new DecisionSpec(
                condition, then, description, fallback, item.map().location());
    }

    private RemediationSpec remediation(Fields.Indexed item) {
        Fields f = new Fields(item.map(), item.path(), RunbookFormat.REMEDIATION, problems);
        String id = f.requiredText("id");
        String name = f.requiredText("name");
        String description = f.requiredText("description");
        RemediationType type =
                f.choice("type", RemediationType.values(), RunbookReader::lower).orElse(null);
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
        return new RemediationSpec(
                id,
                name,
                description,
                type,
                action,
                instructions,
                safety,
                expect,
                item.map().location(),
                handOff(f, type),
                reason(f, type),
                new PreconditionSpec(f.text("require"), f.textOrTextList("after")),
                loops.forEach(f, LoopSpec.DEFAULT_ACTION_CONCURRENCY),
                loops.until(f));
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
        StepConfig config = f.node("config").isPresent() ? config(f, "config") : StepConfig.empty(f.path("config"));
        return sources.register(new ActionSpec(type, config), path);
    }

    private SafetySpec safety(YamlNode.YamlMap map, String path, boolean requiresApproval) {
        Fields f = new Fields(map, path, RunbookFormat.SAFETY, problems);
        boolean safe = f.bool("safe").orElse(false);
        List<String> scopes = f.textList("scopes");
        java.time.Duration timeout = f.duration("approvalTimeout").orElse(SafetySpec.DEFAULT_APPROVAL_TIMEOUT);
        return sources.register(new SafetySpec(requiresApproval, safe, scopes, timeout), path);
    }

    private EscalationSpec escalation(YamlNode.YamlMap map) {
        Fields f = new Fields(map, "escalation", RunbookFormat.ESCALATION, problems);
        String primary = f.requiredText("primary");
        Optional<String> secondary = f.text("secondary");
        long after = f.integer("escalateAfterMinutes").orElse((long) EscalationSpec.DEFAULT_ESCALATE_AFTER_MINUTES);
        int minutes = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, after));
        return sources.register(new EscalationSpec(primary, secondary, minutes), "escalation");
    }

    private ApprovalSpec approval(YamlNode.YamlMap map) {
        Fields f = new Fields(map, "approval", RunbookFormat.APPROVAL, problems);
        List<String> approvers = f.textList("approvers");
        long required = f.integer("required").orElse(1L);
        if (required < 1) {
            problems.add(Problem.error(f.location("required"), "'required' must be at least 1, found " + required));
        }
        return sources.register(
                new ApprovalSpec(approvers, (int) Math.min(Integer.MAX_VALUE, Math.max(1, required))), "approval");
    }

    /** The free-form config block as an immutable tree of plain values. */
    private StepConfig config(Fields f, String key) {
        String path = f.path(key);
        Optional<YamlNode.YamlMap> map = f.map(key);
        if (map.isEmpty()) {
            return sources.register(StepConfig.empty(path), path);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) plain(map.get(), path);
        return sources.register(new StepConfig(values, path), path);
    }

    private Object plain(YamlNode node, String path) {
        if (node instanceof YamlNode.YamlMap map) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (YamlNode.YamlMap.Entry entry : map.entries().values()) {
                Object value = plain(entry.value(), path + "." + entry.key());
                if (value != null) {
                    values.put(entry.key(), value);
                }
            }
            return Collections.unmodifiableMap(values);
        }
        if (node instanceof YamlNode.YamlList list) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Object value = plain(list.items().get(i), path + "[" + i + "]");
                if (value != null) {
                    values.add(value);
                }
            }
            return List.copyOf(values);
        }
        YamlNode.YamlScalar scalar = (YamlNode.YamlScalar) node;
        if (scalar.isNull()) {
            problems.add(Problem.error(
                    scalar.location(),
                    "'" + path.substring(path.lastIndexOf('.') + 1) + "' has no value",
                    "give it a value or remove it"));
        }
        return scalar.value();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

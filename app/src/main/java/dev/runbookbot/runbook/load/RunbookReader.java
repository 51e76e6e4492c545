package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.ApprovalSpec;
import dev.runbookbot.runbook.DecisionMatch;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.ParameterType;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.SourceMap;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private final ConfigBlocks configs;
    private final LoopReader loops;
    private final RemediationReader remediationReader;

    RunbookReader(Path file, List<Problem> problems, SourceMap.Builder sources) {
        this.file = file;
        this.problems = problems;
        this.sources = sources;
        this.configs = new ConfigBlocks(problems, sources);
        this.loops = new LoopReader(problems, sources, configs::plain);
        this.remediationReader = new RemediationReader(problems, sources, configs, loops);
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
            remediations.add(sources.register(remediationReader.read(item), item.path()));
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
        StepConfig config = configs.read(f, "config");
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

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

package dev.runbookbot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.decide.UnmatchedDecision;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.TimelineEntry;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A diagnosis as JSON, the shape {@code docs/runbookctl.md} documents (stable: fields are only ever added). Numbers
 * that JSON cannot write (NaN, +Inf, -Inf in facts) are the strings {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}.
 */
final class ReportJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    static ObjectNode of(DiagnosisReport report, List<Proposal> proposals) {
        ObjectNode root = NODES.objectNode();
        RunbookSpec runbook = report.runbook();
        ObjectNode rb = root.putObject("runbook");
        rb.put("id", runbook.id());
        rb.put("name", runbook.name());
        rb.put("version", runbook.version());
        rb.put("severity", runbook.severity().name());
        rb.put("source", String.valueOf(runbook.source()));

        ObjectNode inputs = root.putObject("inputs");
        inputs.set("params", value(report.inputs().params()));
        inputs.set("labels", value(report.inputs().labels()));
        inputs.set("annotations", value(report.inputs().annotations()));

        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.took().toMillis());
        root.put("overallSeverity", report.plan().severity().label());

        ArrayNode steps = root.putArray("steps");
        for (DiagnosticResult result : report.results()) {
            ObjectNode step = steps.addObject();
            step.put("id", result.stepId());
            step.put("name", result.name());
            step.put("type", result.type().yamlName());
            step.put("status", result.status().label());
            step.put("reason", result.reason());
            if (result.failure().isPresent()) {
                step.put("failure", result.failure().get().name().toLowerCase(Locale.ROOT));
            } else {
                step.putNull("failure");
            }
            step.put("evidence", result.evidence());
            step.set("details", value(result.details()));
            step.set("facts", value(result.facts()));
            step.put("startedAt", result.startedAt().toString());
            step.put("durationMs", result.duration().toMillis());
        }

        ObjectNode decisions = root.putObject("decisions");
        ArrayNode matched = decisions.putArray("matched");
        for (MatchedDecision decision : report.plan().matched()) {
            ObjectNode d = matched.addObject();
            d.put("index", decision.index());
            d.put("number", decision.index() + 1);
            d.put("label", decision.label());
            d.put("description", decision.description());
            d.put("condition", decision.condition());
            d.set("remediations", value(decision.remediationIds()));
        }
        ArrayNode unmatched = decisions.putArray("unmatched");
        for (UnmatchedDecision decision : report.plan().unmatched()) {
            ObjectNode d = unmatched.addObject();
            d.put("index", decision.index());
            d.put("number", decision.index() + 1);
            d.put("label", decision.label());
            d.put("condition", decision.condition());
            d.put("reason", decision.reason());
            d.put("evaluationFailed", decision.evaluationFailed());
        }

        ArrayNode remediations = root.putArray("remediations");
        for (Proposal proposal : proposals) {
            ObjectNode r = remediations.addObject();
            r.put("id", proposal.remediation().id());
            r.put("name", proposal.remediation().name());
            r.put("type", proposal.remediation().type().name().toLowerCase(Locale.ROOT));
            r.put("chosenBy", proposal.planned().chosenBy());
            r.set("alsoChosenBy", value(proposal.planned().alsoChosenBy()));
            r.put("mode", proposal.mode().label());
            r.put("approvalsRequired", proposal.approvals());
            r.put("waitsForApproval", proposal.waitsForApproval());
            if (proposal.instructions().isPresent()) {
                r.put("instructions", proposal.instructions().get());
            } else {
                r.putNull("instructions");
            }
            if (proposal.action().isPresent()) {
                ActionText action = proposal.action().get();
                ObjectNode a = r.putObject("action");
                a.put("type", action.type());
                a.set("config", value(action.config()));
                a.set("binds", value(action.binds()));
                a.set("problems", value(action.problems()));
            } else {
                r.putNull("action");
            }
            if (proposal.loop().isPresent()) {
                LoopRendering loop = proposal.loop().get();
                ObjectNode l = r.putObject("forEach");
                l.put("summary", loop.summary());
                l.set("items", value(loop.labels()));
                ArrayNode actions = l.putArray("actions");
                for (ActionText action : loop.actions()) {
                    ObjectNode a = actions.addObject();
                    a.put("type", action.type());
                    a.set("config", value(action.config()));
                    a.set("binds", value(action.binds()));
                    a.set("problems", value(action.problems()));
                }
                loop.problem().ifPresentOrElse(why -> l.put("problem", why), () -> l.putNull("problem"));
                loop.until().ifPresentOrElse(until -> l.put("until", until), () -> l.putNull("until"));
            }
        }

        ArrayNode timeline = root.putArray("timeline");
        for (TimelineEntry entry : report.plan().timeline()) {
            ObjectNode e = timeline.addObject();
            e.put("at", entry.at().toString());
            e.put("event", entry.event());
        }
        return root;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A fact or input value as JSON; numbers JSON cannot write become text. */
    static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return NODES.textNode("NaN");
            }
            if (Double.isInfinite(d)) {
                return NODES.textNode(d > 0 ? "+Inf" : "-Inf");
            }
            return NODES.numberNode(d);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
            return object;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        return NODES.textNode(String.valueOf(value));
    }
}

package dev.runbookbot.remediate.http;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code body} of {@code http_request} into a {@link BodySpec}: a YAML map or list becomes a JSON tree whose
 * string leaves are templates (a JSON key cannot be one), a YAML string a text body. A templated string body that
 * would be sent as JSON is refused, since alert data could break out of a JSON string; it must be written as a map or
 * list. The content type is the configured {@code Content-Type} header's, or JSON's or plain text's.
 */
final class RequestBodyParser {
    private RequestBodyParser() {}

    /** The body, or empty when there is none or it has problems (added to {@code problems}). */
    static Optional<BodySpec> parse(StepConfig config, List<HeaderSpec> headers, List<ConfigProblem> problems) {
        Optional<Object> raw = config.get("body");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> contentType = headers.stream()
                .filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                .filter(h -> h instanceof HeaderSpec.Templated)
                .map(h -> ((HeaderSpec.Templated) h).value().source())
                .findFirst();
        String path = config.pathOf("body");
        if (raw.get() instanceof Map || raw.get() instanceof List) {
            int before = problems.size();
            Object tree = jsonTree(raw.get(), path, problems);
            if (problems.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new BodySpec.Json(tree, contentType.orElse("application/json; charset=utf-8")));
        }
        String text = String.valueOf(raw.get());
        String type = contentType.orElse("text/plain; charset=utf-8");
        try {
            Template template = Template.parse(text);
            if (!template.variables().isEmpty() && type.toLowerCase(Locale.ROOT).contains("json")) {
                problems.add(new ConfigProblem(
                        path,
                        "a templated JSON body must be written as a YAML map or list, so each value is escaped;"
                                + " as a string, alert data could break out of a JSON string"));
                return Optional.empty();
            }
            return Optional.of(new BodySpec.Text(template, type));
        } catch (TemplateException e) {
            problems.add(new ConfigProblem(path, e.getMessage()));
            return Optional.empty();
        }
    }

    private static Object jsonTree(Object node, String path, List<ConfigProblem> problems) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (Template.isTemplated(key)) {
                    problems.add(new ConfigProblem(path + "." + key, "a JSON key cannot be a template"));
                    continue;
                }
                out.put(key, jsonTree(e.getValue(), path + "." + key, problems));
            }
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(jsonTree(list.get(i), path + "[" + i + "]", problems));
            }
            return out;
        }
        if (node instanceof String text) {
            try {
                return Template.parse(text);
            } catch (TemplateException e) {
                problems.add(new ConfigProblem(path, e.getMessage()));
                return null;
            }
        }
        return node; // Number, Boolean or null
    }
}

package dev.runbookbot.cli;

import dev.runbookbot.expr.RenderedTemplate;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.lint.ConfigSinks;
import dev.runbookbot.runbook.ActionSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a remediation's action would run, rendered from its config without touching any action executor: every
 * template filled for the sink it will meet (the same sinks lint checks, {@link ConfigSinks}), SQL values shown as
 * the {@code ?} they become with their bound values beside, and secrets shown as {@code <secret:NAME>}, never resolved.
 * A secret appears in a config as {@code {secret: NAME, prefix: "Bearer "}} or as the name in a key ending in
 * {@code Secret}/{@code _secret}. A value that cannot be rendered (for example a label the alert does not carry) is
 * shown as {@code <cannot render: why>}.
 *
 * @param type the action type as runbooks write it ({@code run_script})
 * @param config the config tree with every string rendered (maps, lists, strings, numbers, booleans)
 * @param binds for each SQL value, by its key ({@code script}), the values bound to its {@code ?} in order
 * @param problems values that could not be rendered, with their keys
 */
record ActionText(String type, Map<String, Object> config, Map<String, List<Object>> binds, List<String> problems) {
    ActionText {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        binds = Collections.unmodifiableMap(new LinkedHashMap<>(binds));
        problems = List.copyOf(problems);
    }

    static ActionText render(ActionSpec action, TemplateContext context) {
        Map<String, List<Object>> binds = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Walk walk = new Walk(action, context, binds, problems);
        Map<String, Object> config = new LinkedHashMap<>();
        action.config().values().forEach((key, value) -> config.put(key, walk.value(key, key, value)));
        return new ActionText(action.type().yamlName(), config, binds, problems);
    }

    /** One line per config value, {@code key: value}, nested keys dotted, lists of scalars inline. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        config.forEach((key, value) -> lines(key, value, lines));
        return lines;
    }

    private void lines(String key, Object value, List<String> lines) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> lines(key + "." + k, v, lines));
            return;
        }
        if (value instanceof List<?> list) {
            if (list.stream().noneMatch(e -> e instanceof Map || e instanceof List)) {
                List<String> items = new ArrayList<>();
                list.forEach(e -> items.add(quoted(e)));
                lines.add(key + ": [" + String.join(", ", items) + "]");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    lines(key + "[" + i + "]", list.get(i), lines);
                }
            }
            return;
        }
        List<String> text = String.valueOf(value).lines().toList();
        lines.add(key + ": " + (text.isEmpty() ? "" : TextTable.terminalSafe(text.get(0))));
        for (int i = 1; i < text.size(); i++) {
            lines.add("  " + TextTable.terminalSafe(text.get(i)));
        }
        List<Object> bound = binds.get(key);
        if (bound != null && !bound.isEmpty()) {
            List<String> shown = new ArrayList<>();
            bound.forEach(b -> shown.add(quoted(b)));
            lines.add("  bound to the ?s in order: " + String.join(", ", shown));
        }
    }

    private static String quoted(Object value) {
        if (value instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? ' ' : c);
                }
            }
            return sb.append('"').toString();
        }
        return String.valueOf(value);
    }

    /** Renders one config tree; collects bound values and problems. */
    private record Walk(
            ActionSpec action, TemplateContext context, Map<String, List<Object>> binds, List<String> problems) {
        Object value(String key, String name, Object value) {
            if (value instanceof Map<?, ?> map) {
                Object secret = map.get("secret");
                if (secret instanceof String secretName
                        && map.keySet().stream().allMatch(k -> k.equals("secret") || k.equals("prefix"))) {
                    Object prefix = map.get("prefix");
                    return (prefix == null ? "" : String.valueOf(prefix)) + "<secret:" + secretName + ">";
                }
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), value(key + "." + k, String.valueOf(k), v)));
                return out;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(value(key + "[" + i + "]", name, list.get(i)));
                }
                return out;
            }
            if (!(value instanceof String text)) {
                return value;
            }
            if (name.endsWith("Secret") || name.endsWith("_secret")) {
                return "<secret:" + text + ">";
            }
            if (!Template.isTemplated(text)) {
                return text;
            }
            TemplateSink sink = ConfigSinks.forAction(action.type(), key);
            try {
                RenderedTemplate rendered = Template.parse(text).render(context, sink);
                if (sink == TemplateSink.SQL) {
                    binds.put(key, rendered.bindValues());
                }
                return rendered.text();
            } catch (TemplateException e) {
                problems.add(key + ": " + e.getMessage());
                return "<cannot render: " + e.getMessage() + ">";
            }
        }
    }
}

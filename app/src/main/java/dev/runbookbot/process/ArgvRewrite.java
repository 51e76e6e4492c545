package dev.runbookbot.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rewrites an error message offers when a step runs code it should not ({@link InterpreterRules}): a shell
 * string ({@code command:}) becomes an {@code argv:} list, and a templated shell script gets its placeholders moved
 * out into positional parameters ({@code [sh, -c, 'kubectl get pod "$1"', sh, "{{ labels.pod }}"]}), so the script
 * stays literal and the value arrives as {@code $1}. Written as YAML flow sequences an author can paste.
 */
public final class ArgvRewrite {
    /** A placeholder such as {@code {{ labels.pod }}}. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private static final Pattern SHELL_SYNTAX = Pattern.compile("[|&;<>()$`\\\\\"'*?\\[\\]#~{}\\n]");
    private static final Pattern YAML_PLAIN = Pattern.compile("[A-Za-z_./+-][A-Za-z0-9_./+=-]*");
    private static final Set<String> YAML_RESERVED =
            Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null", "~");

    private ArgvRewrite() {}

    /**
     * The argv rewrite for a templated shell script at {@code argv[scriptIndex]} (right after a code flag, after a
     * shell): the placeholders become positional parameters and the values follow the script. Empty when the step
     * is not that simple shape (the script is not the last element, or no shell precedes the flag).
     */
    public static Optional<String> positionalRewrite(List<String> argv, int scriptIndex) {
        if (scriptIndex != argv.size() - 1 || scriptIndex < 2) {
            return Optional.empty();
        }
        int shell = scriptIndex - 1;
        while (shell > 0 && InterpreterRules.isOption(argv.get(shell))) {
            shell--;
        }
        if (shell == scriptIndex - 1 || !InterpreterRules.SHELLS.contains(InterpreterRules.baseName(argv.get(shell)))) {
            return Optional.empty();
        }
        List<String> rewritten = new ArrayList<>(argv.subList(0, scriptIndex));
        rewritten.addAll(shellScriptWithPositionals(argv.get(scriptIndex), InterpreterRules.baseName(argv.get(shell))));
        return Optional.of(yamlFlow(rewritten));
    }

    /**
     * The {@code argv:} line that replaces a seed-style {@code command:} shell string. A command that needs no shell
     * becomes its words; one that does becomes {@code [sh, -c, script]}, with any templated values moved out of the
     * script into positional parameters.
     */
    public static String commandRewrite(String command) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(command);
        StringBuilder masked = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String token = "\u0001" + tokens.size() + "\u0002";
            tokens.put(token, "{{ " + m.group(1) + "." + m.group(2) + " }}");
            masked.append(command, last, m.start()).append(token);
            last = m.end();
        }
        masked.append(command.substring(last));
        if (!SHELL_SYNTAX.matcher(masked).find()) {
            List<String> words = new ArrayList<>();
            for (String word : masked.toString().trim().split("\\s+")) {
                for (Map.Entry<String, String> t : tokens.entrySet()) {
                    word = word.replace(t.getKey(), t.getValue());
                }
                words.add(word);
            }
            return "argv: " + yamlFlow(words);
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c"));
        argv.addAll(shellScriptWithPositionals(command.trim(), "sh"));
        return "argv: " + yamlFlow(argv);
    }

    /**
     * {@code script} with each distinct placeholder replaced by a positional parameter quoted for where it stands,
     * followed by {@code $0} (the shell's name) and the placeholders in order; just the script when it has none.
     */
    private static List<String> shellScriptWithPositionals(String script, String shellName) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        char quote = 0;
        int i = 0;
        Matcher m = PLACEHOLDER.matcher(script);
        while (i < script.length()) {
            if (m.find(i) && m.start() == i) {
                String variable = "{{ " + m.group(1) + "." + m.group(2) + " }}";
                int n = positions.computeIfAbsent(variable, v -> positions.size() + 1);
                String param = n <= 9 ? "$" + n : "${" + n + "}";
                out.append(
                        switch (quote) {
                            case '"' -> param;
                            case '\'' -> "'\"" + param + "\"'";
                            default -> "\"" + param + "\"";
                        });
                i = m.end();
                continue;
            }
            char c = script.charAt(i);
            out.append(c);
            if (c == '\\' && quote != '\'' && i + 1 < script.length()) {
                out.append(script.charAt(i + 1));
                i += 2;
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            i++;
        }
        List<String> result = new ArrayList<>();
        result.add(out.toString());
        if (!positions.isEmpty()) {
            result.add(shellName);
            result.addAll(positions.keySet());
        }
        return result;
    }

    /** A YAML flow sequence of {@code items}, each quoted only when it has to be. */
    static String yamlFlow(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(yamlScalar(items.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String yamlScalar(String value) {
        if (YAML_PLAIN.matcher(value).matches() && !YAML_RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        if (value.indexOf('"') >= 0 && value.indexOf('\'') < 0 && value.indexOf('\n') < 0) {
            return "'" + value + "'";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

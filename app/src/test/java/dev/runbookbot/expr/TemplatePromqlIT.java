package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks PromQL rendering against Prometheus itself: {@code promtool test rules} evaluates each rendered query over
 * series whose label values are hostile, and the query must select exactly the series with that value, no parse error,
 * no extra series (regex metacharacters must not match the decoys).
 */
class TemplatePromqlIT {
    private static final List<String> HOSTILE = List.of(
            "O'Brien",
            "say \"hi\"",
            "back\\slash",
            "new\nline",
            "tab\tand\rcr",
            "bell\u0007",
            "a.b*c",
            "a|b",
            "x\"} or vector(1) #",
            "{{ labels.v }}",
            "ünï😀");
    private static final List<String> DECOYS = List.of("a", "b", "aXbbbc", "x", "bell", "O");

    @Test
    void renderedQueriesSelectExactlyTheHostileLabelValue(@TempDir Path dir) throws Exception {
        Path promtool = promtool();
        List<String> values = new ArrayList<>(HOSTILE);
        values.addAll(DECOYS);

        StringBuilder yaml = new StringBuilder("tests:\n  - interval: 1m\n    input_series:\n");
        for (int i = 0; i < values.size(); i++) {
            yaml.append("      - series: ")
                    .append(yamlQuote(series(i, values.get(i))))
                    .append('\n');
            yaml.append("        values: '1'\n");
        }
        yaml.append("    promql_expr_test:\n");
        for (int i = 0; i < HOSTILE.size(); i++) {
            TemplateContext context = new TemplateContext(Map.of(), Map.of("v", HOSTILE.get(i)), Map.of());
            for (String source : List.of(
                    "probe{v=\"{{ labels.v }}\"}",
                    "probe{v='{{ labels.v }}'}",
                    "probe{v=~\"{{ labels.v }}\"}",
                    "probe{v=~'{{ labels.v }}'}")) {
                String query = Template.parse(source)
                        .render(context, TemplateSink.PROMQL)
                        .text();
                yaml.append("      - expr: ").append(yamlQuote(query)).append('\n');
                yaml.append("        eval_time: 0m\n");
                yaml.append("        exp_samples:\n");
                yaml.append("          - labels: ")
                        .append(yamlQuote(series(i, HOSTILE.get(i))))
                        .append('\n');
                yaml.append("            value: 1\n");
            }
        }
        Path tests = dir.resolve("template-tests.yml");
        Files.writeString(tests, yaml, StandardCharsets.UTF_8);

        Process process = new ProcessBuilder(promtool.toString(), "test", "rules", tests.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("SUCCESS"), output);
    }

    /** The series in Prometheus' series notation, escaped here independently of the code under test. */
    private static String series(int index, String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return "probe{i=\"" + index + "\", v=\"" + escaped + "\"}";
    }

    private static String yamlQuote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Path promtool() {
        Optional<Path> found = java.util.Arrays.stream(
                        System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(p -> Path.of(p, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool is not installed (Debian package prometheus); CI=true requires it");
            }
            assumeTrue(false, "promtool is not installed (Debian package prometheus); skipping");
        }
        return found.get();
    }
}

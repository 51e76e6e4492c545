package dev.runbookbot.remediate.silence;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.text.DurationText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code silence} action's config, validated where it is parsed:
 *
 * <pre>
 * action:
 *   type: silence
 *   config:
 *     alertmanager: http://alertmanager.monitoring:9093   # literal: alert data never chooses where a call goes
 *     duration: 2h                                        # endsAt = startsAt + duration, at most 30 days
 *     matchers: [alertname, namespace]                    # label names; values from the alert (default: all labels)
 *     comment: "Expected during the {{ params.window }} maintenance"
 * </pre>
 *
 * <p>It reads the URL with {@link URI}, not okhttp's {@code HttpUrl}, so lint checks a silence without loading okhttp
 * or Kotlin; the executor turns it into an {@code HttpUrl} when it sends.
 */
record SilenceConfig(URI alertmanager, Duration duration, Optional<List<String>> matchers, Template comment) {
    static final Set<String> KEYS = Set.of("alertmanager", "duration", "matchers", "comment");
    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofDays(30);
    /** Prometheus label names. */
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    SilenceConfig {
        matchers = matchers.map(List::copyOf);
    }

    /** The config, or empty with every problem added to {@code problems}. */
    static Optional<SilenceConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "' for silence; known keys: alertmanager, comment, duration,"
                                + " matchers"));
            }
        }
        URI url = null;
        String base = config.string("alertmanager").orElse("");
        if (base.isBlank()) {
            problems.add(new ConfigProblem(
                    config.pathOf("alertmanager"),
                    "silence needs 'alertmanager', the Alertmanager's base URL",
                    "alertmanager: http://alertmanager.monitoring:9093"));
        } else if (Template.isTemplated(base)) {
            problems.add(new ConfigProblem(
                    config.pathOf("alertmanager"),
                    "alertmanager is written literally; alert data must never choose where a silence is sent"));
        } else {
            url = httpUrl(base);
            if (url == null) {
                problems.add(new ConfigProblem(
                        config.pathOf("alertmanager"), "alertmanager '" + base + "' is not an http(s) URL"));
            }
        }
        Duration duration = config.get("duration").flatMap(DurationText::parse).orElse(null);
        if (duration == null) {
            problems.add(new ConfigProblem(
                    config.pathOf("duration"),
                    "silence needs 'duration', how long the silence lasts",
                    "duration: 2h (from 1m to 30d)"));
        } else if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            problems.add(
                    new ConfigProblem(config.pathOf("duration"), "duration must be from 1m to 30d, found " + duration));
        }
        Optional<List<String>> matchers = Optional.empty();
        Optional<Object> given = config.get("matchers");
        if (given.isPresent()) {
            List<String> names = new ArrayList<>();
            if (!(given.get() instanceof List<?> list) || list.isEmpty()) {
                problems.add(new ConfigProblem(
                        config.pathOf("matchers"),
                        "matchers must be a non-empty list of label names, such as [alertname, namespace]"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String name = String.valueOf(list.get(i));
                    if (!LABEL.matcher(name).matches()) {
                        problems.add(new ConfigProblem(
                                config.pathOf("matchers") + "[" + i + "]",
                                "'" + name + "' is not a label name; a matcher names a label of the alert, whose"
                                        + " value the silence matches exactly"));
                    }
                    names.add(name);
                }
            }
            matchers = Optional.of(names);
        }
        Template comment = null;
        String text = config.string("comment").orElse("");
        if (text.isBlank()) {
            problems.add(new ConfigProblem(
                    config.pathOf("comment"),
                    "silence needs 'comment', why the alert is silenced (Alertmanager requires one)"));
        } else {
            try {
                comment = Template.parse(text);
            } catch (TemplateException e) {
                problems.add(new ConfigProblem(config.pathOf("comment"), e.getMessage()));
            }
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new SilenceConfig(url, duration, matchers, comment));
    }

    /** An absolute http(s) URL with a host (and a port, if any, in range), or null. */
    private static URI httpUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return http && uri.getHost() != null && uri.getPort() <= 65_535 ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

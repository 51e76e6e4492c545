package dev.runbookbot.remediate.redis;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config of {@code flush_cache}: {@code redis} names a configured Redis target (never a template: alert data must
 * not choose the server); without {@code pattern} the action flushes the target's database, with it the action deletes
 * the keys matching the glob. In a templated pattern the author's text keeps its glob meaning while every rendered
 * value is escaped (see {@link RedisGlob}): {@code session:{{ labels.tenant }}:*} with tenant {@code *} deletes the
 * keys of the tenant literally named {@code *}, not every session.
 */
public record FlushCacheConfig(String redis, Optional<Template> pattern) {
    public static final Set<String> KEYS = Set.of("redis", "pattern");

    /** Parses {@code config}, adding every problem to {@code problems}; empty when there was one. */
    public static Optional<FlushCacheConfig> parse(
            StepConfig config, Set<String> knownTargets, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key), "unknown key '" + key + "'; flush_cache takes pattern, redis"));
            }
        }
        Optional<String> redis = config.string("redis").filter(s -> !s.isBlank());
        if (redis.isEmpty()) {
            problems.add(new ConfigProblem(
                    config.pathOf("redis"),
                    "redis is required: the name of a configured Redis target",
                    "configured: " + names(knownTargets)));
        } else if (Template.isTemplated(redis.get())) {
            problems.add(new ConfigProblem(
                    config.pathOf("redis"), "redis cannot be a template: alert data must never choose the server"));
        } else if (!knownTargets.contains(redis.get())) {
            problems.add(new ConfigProblem(
                    config.pathOf("redis"),
                    "unknown Redis target '" + redis.get() + "'; configured: " + names(knownTargets)));
        }
        Optional<Template> pattern = Optional.empty();
        if (config.get("pattern").isPresent()) {
            Optional<String> text = config.string("pattern").filter(s -> !s.isEmpty());
            if (text.isEmpty()) {
                problems.add(new ConfigProblem(
                        config.pathOf("pattern"),
                        "pattern must be a glob such as session:*; leave it out to flush the whole database"));
            } else {
                try {
                    pattern = Optional.of(Template.parse(text.get()));
                } catch (TemplateException e) {
                    problems.add(new ConfigProblem(config.pathOf("pattern"), e.getMessage()));
                }
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new FlushCacheConfig(redis.orElseThrow(), pattern));
    }

    private static String names(Set<String> targets) {
        return targets.isEmpty() ? "none" : String.join(", ", new TreeSet<>(targets));
    }

    /** The glob for {@code SCAN ... MATCH}: the author's text as written, every rendered value escaped. */
    public Optional<String> renderPattern(TemplateContext context) throws ActionException {
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        try {
            // ARGV inserts values verbatim (only NUL is refused), so escaping the values first is the whole story.
            String glob =
                    pattern.get().render(escaped(context), TemplateSink.ARGV).text();
            if (glob.isEmpty()) {
                throw new ActionException("pattern " + pattern.get().source() + " rendered to an empty glob");
            }
            return Optional.of(glob);
        } catch (TemplateException e) {
            throw new ActionException("pattern " + pattern.get().source() + ": " + e.getMessage());
        }
    }

    private static TemplateContext escaped(TemplateContext context) {
        Map<String, Object> params = new HashMap<>();
        context.params().forEach((k, v) -> params.put(k, RedisGlob.escape(text(v))));
        Map<String, String> labels = new HashMap<>();
        context.labels().forEach((k, v) -> labels.put(k, RedisGlob.escape(v)));
        Map<String, String> annotations = new HashMap<>();
        context.annotations().forEach((k, v) -> annotations.put(k, RedisGlob.escape(v)));
        return new TemplateContext(params, labels, annotations);
    }

    /** The text Template would render for a parameter value (a whole double prints without ".0"). */
    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}

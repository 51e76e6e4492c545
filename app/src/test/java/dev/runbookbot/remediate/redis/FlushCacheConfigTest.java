package dev.runbookbot.remediate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlushCacheConfigTest {
    private static final String PATH = "remediations[0].action.config";
    private static final RedisSettings CACHE =
            new RedisSettings("payments-cache", "10.0.0.5", 6380, 2, Optional.of("redis-password"), true);

    private static FlushCacheConfig parse(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<FlushCacheConfig> config =
                FlushCacheConfig.parse(new StepConfig(values, PATH), Set.of("payments-cache"), problems);
        assertEquals(List.of(), problems);
        return config.orElseThrow();
    }

    private static List<ConfigProblem> problems(Map<String, Object> values) {
        return new FlushCacheActionExecutor(List.of(CACHE), SecretResolver.none())
                .validate(new StepConfig(values, PATH));
    }

    private static TemplateContext labels(Map<String, String> labels) {
        return new TemplateContext(Map.of(), labels, Map.of());
    }

    private static ActionRequest request(Map<String, Object> config, TemplateContext context) {
        return new ActionRequest(
                "rem-1",
                new ActionSpec(ActionType.FLUSH_CACHE, new StepConfig(config, PATH)),
                context,
                "staging",
                Duration.ofSeconds(5),
                "key-1");
    }

    @Test
    void everyGlobMetacharacterInAValueIsEscaped() {
        assertEquals("a\\*b\\?c\\[d\\]e\\^f\\-g\\\\h", RedisGlob.escape("a*b?c[d]e^f-g\\h"));
        assertEquals("plain:value_1.2", RedisGlob.escape("plain:value_1.2"));
    }

    @Test
    void authorGlobStaysAGlobAndRenderedValuesAreLiteral() throws ActionException {
        FlushCacheConfig config = parse(Map.of("redis", "payments-cache", "pattern", "session:{{ labels.tenant }}:*"));

        assertEquals(Optional.of("session:\\*:*"), config.renderPattern(labels(Map.of("tenant", "*"))));
        assertEquals(Optional.of("session:\\[a\\-z\\]:*"), config.renderPattern(labels(Map.of("tenant", "[a-z]"))));
        assertEquals(Optional.of("session:acme:*"), config.renderPattern(labels(Map.of("tenant", "acme"))));
    }

    @Test
    void numericParamsRenderAsTemplateDoes() throws ActionException {
        FlushCacheConfig config = parse(Map.of("redis", "payments-cache", "pattern", "shard:{{ params.shard }}:*"));

        assertEquals(
                Optional.of("shard:3:*"),
                config.renderPattern(new TemplateContext(Map.of("shard", 3.0), Map.of(), Map.of())));
        assertEquals(
                Optional.of("shard:\\-1:*"),
                config.renderPattern(new TemplateContext(Map.of("shard", -1L), Map.of(), Map.of())));
    }

    @Test
    void withoutPatternTheWholeDatabaseIsFlushed() throws ActionException {
        assertEquals(Optional.empty(), parse(Map.of("redis", "payments-cache")).renderPattern(TemplateContext.empty()));
    }

    @Test
    void problemsNameTheirPaths() {
        assertEquals(
                List.of(
                        new ConfigProblem(PATH + ".keys", "unknown key 'keys'; flush_cache takes pattern, redis"),
                        new ConfigProblem(
                                PATH + ".redis", "unknown Redis target 'sessions'; configured: payments-cache")),
                problems(Map.of("redis", "sessions", "keys", "x")));
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".redis", "redis cannot be a template: alert data must never choose the server")),
                problems(Map.of("redis", "{{ labels.redis }}")));
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".redis",
                        "redis is required: the name of a configured Redis target",
                        "configured: payments-cache")),
                problems(Map.of("pattern", "x:*")));
        assertEquals(
                "unknown template scope 'label'; use params, labels, annotations or diagnostics",
                problems(Map.of("redis", "payments-cache", "pattern", "{{ label.x }}"))
                        .get(0)
                        .message());
    }

    @Test
    void previewShowsTheCommandWithTheSecretByName() throws ActionException {
        FlushCacheActionExecutor executor = new FlushCacheActionExecutor(List.of(CACHE), SecretResolver.none());

        ActionPreview flush = executor.preview(request(Map.of("redis", "payments-cache"), TemplateContext.empty()));
        ActionPreview scan = executor.preview(request(
                Map.of("redis", "payments-cache", "pattern", "session:{{ labels.tenant }}:*"),
                labels(Map.of("tenant", "a*"))));

        assertEquals("redis payments-cache (10.0.0.5:6380, db 2, TLS)", flush.target());
        assertEquals(
                List.of("redis-cli -h 10.0.0.5 -p 6380 -n 2 --tls -a <secret:redis-password> FLUSHDB ASYNC"),
                flush.lines());
        assertEquals(
                List.of(
                        "redis-cli -h 10.0.0.5 -p 6380 -n 2 --tls -a <secret:redis-password> --scan --pattern"
                                + " \"session:a\\*:*\" (SCAN with MATCH, COUNT 1000; never KEYS)",
                        "then UNLINK the matching keys in batches of at most 500"),
                scan.lines());
    }

    @Test
    void missingPasswordSecretFailsBeforeConnecting() {
        ActionOutcome outcome = new FlushCacheActionExecutor(List.of(CACHE), SecretResolver.none())
                .execute(request(Map.of("redis", "payments-cache"), TemplateContext.empty()));

        assertEquals(
                new ActionOutcome.Failed(
                        "the password secret 'redis-password' of redis payments-cache is not set"
                                + " (runbookctl secret set redis-password)",
                        ""),
                outcome);
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new RedisSettings("cache", "localhost", 0, 0, Optional.empty(), false));
        assertEquals("Redis target 'cache': port 0 is not 1-65535", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new FlushCacheActionExecutor(List.of(CACHE, CACHE), SecretResolver.none()));
    }
}

package dev.runbookbot.remediate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.remediate.ExpectationCheck;
import dev.runbookbot.remediate.ExpectationResult.Verdict;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ExpectSpec;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.RedisServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/** {@code flush_cache} against a real redis-server on 127.0.0.1: the keys are really gone, and only those. */
class FlushCacheIT {
    /** The seed's clear-cache expectations (runbook-bots-article). */
    private static final List<ExpectSpec> SEED_EXPECT =
            List.of(new ExpectSpec("OK", false), new ExpectSpec("(empty list or set)", true));

    @TempDir
    static Path dir;

    private static RedisServer server;
    private static FlushCacheActionExecutor executor;

    @BeforeAll
    static void startRedis() throws IOException {
        server = RedisServer.start(dir);
        executor = new FlushCacheActionExecutor(
                List.of(new RedisSettings("cache", server.host(), server.port(), 0, Optional.empty(), false)),
                SecretResolver.none());
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyServer() {
        try (Jedis jedis = jedis(0)) {
            jedis.flushAll();
        }
    }

    private static Jedis jedis(int database) {
        return new Jedis(
                new HostAndPort(server.host(), server.port()),
                DefaultJedisClientConfig.builder()
                        .database(database)
                        .protocol(RedisProtocol.RESP2)
                        .build());
    }

    private static ActionRequest request(Map<String, Object> config, TemplateContext context) {
        return new ActionRequest(
                "rem-1",
                new ActionSpec(ActionType.FLUSH_CACHE, new StepConfig(config, "remediations[0].action.config")),
                context,
                "staging",
                Duration.ofSeconds(30),
                "incident-7/clear-cache/1");
    }

    private static void set(int database, String... keys) {
        try (Jedis jedis = jedis(database)) {
            for (String key : keys) {
                jedis.set(key, "v");
            }
        }
    }

    private static TreeSet<String> keys(int database) {
        TreeSet<String> keys = new TreeSet<>();
        try (Jedis jedis = jedis(database)) {
            String cursor = "0";
            do {
                var page = jedis.scan(cursor);
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals("0"));
        }
        return keys;
    }

    @Test
    void flushdbEmptiesTheConfiguredDatabaseOnly() {
        for (int i = 0; i < 50; i++) {
            set(0, "k" + i);
        }
        set(1, "other:1", "other:2");

        ActionOutcome outcome = executor.execute(request(Map.of("redis", "cache"), TemplateContext.empty()));

        assertEquals(new ActionOutcome.Completed("OK\ndatabase held 50 keys before FLUSHDB"), outcome);
        try (Jedis jedis = jedis(0)) {
            assertEquals(0, jedis.dbSize());
        }
        assertEquals(new TreeSet<>(List.of("other:1", "other:2")), keys(1));
        assertEquals(
                Verdict.SUCCEEDED,
                ExpectationCheck.of(SEED_EXPECT).check(outcome).verdict());
    }

    @Test
    void patternDeletesEveryMatchingKeyAcrossManyScanPagesAndNothingElse() {
        String[] sessions = new String[2500];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = "session:a:" + i;
        }
        set(0, sessions);
        set(0, "session:b:1", "session:b:2", "user:1");
        set(1, "session:a:1");

        ActionOutcome outcome =
                executor.execute(request(Map.of("redis", "cache", "pattern", "session:a:*"), TemplateContext.empty()));

        assertEquals(new ActionOutcome.Completed("OK\n2500 keys deleted"), outcome);
        assertEquals(new TreeSet<>(List.of("session:b:1", "session:b:2", "user:1")), keys(0));
        assertEquals(new TreeSet<>(List.of("session:a:1")), keys(1));
    }

    @Test
    void alertDataCannotWidenThePattern() {
        set(0, "tenant:*:1", "tenant:*:2", "tenant:acme:1", "tenant:a:1", "tenant:[a]:1");
        Map<String, Object> config = Map.of("redis", "cache", "pattern", "tenant:{{ labels.tenant }}:*");

        ActionOutcome star =
                executor.execute(request(config, new TemplateContext(Map.of(), Map.of("tenant", "*"), Map.of())));
        ActionOutcome klass =
                executor.execute(request(config, new TemplateContext(Map.of(), Map.of("tenant", "[a]"), Map.of())));

        assertEquals(new ActionOutcome.Completed("OK\n2 keys deleted"), star);
        assertEquals(new ActionOutcome.Completed("OK\n1 keys deleted"), klass);
        assertEquals(new TreeSet<>(List.of("tenant:a:1", "tenant:acme:1")), keys(0));
    }

    @Test
    void noMatchReadsLikeRedisCliSoTheSeedsAllowFailurePatternApplies() {
        set(0, "user:1");

        ActionOutcome outcome =
                executor.execute(request(Map.of("redis", "cache", "pattern", "session:*"), TemplateContext.empty()));

        assertEquals(new ActionOutcome.Completed("(empty list or set)\n0 keys deleted"), outcome);
        assertEquals(
                Verdict.ACCEPTED_FAILURE,
                ExpectationCheck.of(SEED_EXPECT).check(outcome).verdict());
        assertEquals(new TreeSet<>(List.of("user:1")), keys(0));
    }

    @Test
    void binaryKeysAreDeletedExactly() {
        byte[] binary = {'b', 'i', 'n', ':', (byte) 0xff, 0, (byte) 0xfe};
        try (Jedis jedis = jedis(0)) {
            jedis.set(binary, "v".getBytes(StandardCharsets.UTF_8));
        }

        ActionOutcome outcome =
                executor.execute(request(Map.of("redis", "cache", "pattern", "bin:*"), TemplateContext.empty()));

        assertEquals(new ActionOutcome.Completed("OK\n1 keys deleted"), outcome);
        try (Jedis jedis = jedis(0)) {
            assertFalse(jedis.exists(binary));
        }
    }

    @Test
    void passwordComesFromTheSecretAndNeverAppearsInTheOutcome(@TempDir Path authDir) throws IOException {
        String password = "s3cr3t+pa$$";
        try (RedisServer secured = RedisServer.start(authDir, "--requirepass", password)) {
            RedisSettings settings =
                    new RedisSettings("secured", secured.host(), secured.port(), 0, Optional.of("redis-pw"), false);
            try (Jedis jedis = new Jedis(
                    new HostAndPort(secured.host(), secured.port()),
                    DefaultJedisClientConfig.builder()
                            .password(password)
                            .protocol(RedisProtocol.RESP2)
                            .build())) {
                jedis.set("a", "1");
            }
            ActionRequest flush = request(Map.of("redis", "secured"), TemplateContext.empty());

            ActionOutcome ok = new FlushCacheActionExecutor(
                            List.of(settings), name -> Optional.of(new Secret(name, password)))
                    .execute(flush);
            ActionOutcome wrong = new FlushCacheActionExecutor(
                            List.of(settings), name -> Optional.of(new Secret(name, "not-" + password)))
                    .execute(flush);

            assertEquals(new ActionOutcome.Completed("OK\ndatabase held 1 keys before FLUSHDB"), ok);
            ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, wrong);
            assertTrue(
                    failed.reason().startsWith("redis secured (127.0.0.1:" + secured.port() + ", db 0) refused"),
                    failed.reason());
            assertFalse(failed.reason().contains(password), failed.reason());
        }
    }

    @Test
    void unreachableServerIsAFailureWithTheAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        FlushCacheActionExecutor nowhere = new FlushCacheActionExecutor(
                List.of(new RedisSettings("gone", "127.0.0.1", closedPort, 0, Optional.empty(), false)),
                SecretResolver.none());

        ActionOutcome outcome = nowhere.execute(request(Map.of("redis", "gone"), TemplateContext.empty()));

        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason().startsWith("cannot reach redis gone (127.0.0.1:" + closedPort + ", db 0): "),
                failed.reason());
    }
}

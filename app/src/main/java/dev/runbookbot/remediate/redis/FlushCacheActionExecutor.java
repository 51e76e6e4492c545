package dev.runbookbot.remediate.redis;

import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.text.InvisibleCharacters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.args.FlushMode;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code flush_cache} on a configured Redis target (see {@link FlushCacheConfig}).
 *
 * <ul>
 *   <li>Without a pattern: {@code FLUSHDB ASYNC} on the target's database. The keys are gone at once and Redis frees
 *       the memory in the background, so a large cache does not block the server. Output: {@code OK} (Redis's reply,
 *       as {@code redis-cli FLUSHDB} prints it) and the key count {@code DBSIZE} reported just before.
 *   <li>With a pattern: {@code SCAN} with {@code MATCH} and {@code COUNT} {@value #SCAN_COUNT}, never {@code KEYS}
 *       (which blocks the server), and {@code UNLINK} of each page of matches in batches of at most
 *       {@value #UNLINK_BATCH}. Keys are handled as bytes, so binary keys are deleted exactly. Output: {@code OK} and
 *       the number of keys deleted, or redis-cli's {@code (empty list or set)} when nothing matched, so the seed's
 *       {@code expect} patterns work unchanged.
 * </ul>
 *
 * The output never echoes templated data (the pattern, key names), so alert data cannot make an expected-output
 * pattern match. One connection per run, with the request's timeout as connect and read timeout and as the deadline
 * for the whole scan. The password comes from the {@link SecretResolver} by name and appears nowhere: previews show
 * {@code <secret:NAME>}.
 */
public final class FlushCacheActionExecutor implements ActionExecutor {
    static final int SCAN_COUNT = 1000;
    static final int UNLINK_BATCH = 500;

    private final Map<String, RedisSettings> targets;
    private final SecretResolver secrets;

    public FlushCacheActionExecutor(List<RedisSettings> targets, SecretResolver secrets) {
        Map<String, RedisSettings> byName = new LinkedHashMap<>();
        for (RedisSettings target : targets) {
            if (byName.putIfAbsent(target.name(), target) != null) {
                throw new IllegalArgumentException("two Redis targets are named '" + target.name() + "'");
            }
        }
        this.targets = Map.copyOf(byName);
        this.secrets = secrets;
    }

    @Override
    public ActionType type() {
        return ActionType.FLUSH_CACHE;
    }

    @Override
    public Set<String> configKeys() {
        return FlushCacheConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        FlushCacheConfig.parse(config, targets.keySet(), problems);
        return problems;
    }

    private FlushCacheConfig config(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<FlushCacheConfig> config =
                FlushCacheConfig.parse(request.action().config(), targets.keySet(), problems);
        if (config.isEmpty()) {
            throw new ActionException("invalid config: "
                    + problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        }
        return config.get();
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        FlushCacheConfig config = config(request);
        RedisSettings target = targets.get(config.redis());
        Optional<String> glob = config.renderPattern(request.context());
        String cli = "redis-cli -h " + target.host() + " -p " + target.port() + " -n " + target.database()
                + (target.tls() ? " --tls" : "")
                + target.passwordSecretName().map(s -> " -a <secret:" + s + ">").orElse("");
        List<String> lines = glob.isEmpty()
                ? List.of(cli + " FLUSHDB ASYNC")
                : List.of(
                        cli + " --scan --pattern " + quote(glob.get()) + " (SCAN with MATCH, COUNT " + SCAN_COUNT
                                + "; never KEYS)",
                        "then UNLINK the matching keys in batches of at most " + UNLINK_BATCH);
        return new ActionPreview("redis " + target.describe(), lines);
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        FlushCacheConfig config;
        Optional<String> glob;
        try {
            config = config(request);
            glob = config.renderPattern(request.context());
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        RedisSettings target = targets.get(config.redis());
        Optional<Secret> password = Optional.empty();
        if (target.passwordSecretName().isPresent()) {
            String name = target.passwordSecretName().get();
            password = secrets.resolve(name);
            if (password.isEmpty()) {
                return new ActionOutcome.Failed(
                        "the password secret '" + name + "' of redis " + target.name()
                                + " is not set (runbookctl secret set " + name + ")",
                        "");
            }
        }
        int timeoutMillis = millis(request.timeout());
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .database(target.database())
                .protocol(RedisProtocol.RESP2) // what Jedis speaks; saves a HELLO round trip and a warning
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("runbook-bot");
        if (target.tls()) {
            client.sslOptions(SslOptions.defaults()); // the JVM's trust store, certificate and host name verified
        }
        password.ifPresent(p -> client.password(p.reveal()));
        Progress progress = new Progress();
        try (Jedis jedis = new Jedis(new HostAndPort(target.host(), target.port()), client.build())) {
            if (glob.isEmpty()) {
                progress.command = "FLUSHDB";
                long before = jedis.dbSize();
                String reply = jedis.flushDB(FlushMode.ASYNC);
                return new ActionOutcome.Completed(reply + "\ndatabase held " + before + " keys before FLUSHDB");
            }
            progress.command = "SCAN/UNLINK";
            return deleteMatching(
                    jedis, glob.get(), System.nanoTime() + request.timeout().toNanos(), progress);
        } catch (JedisConnectionException e) {
            return new ActionOutcome.Failed(
                    mask(
                            "cannot reach redis " + target.describe() + ": " + e.getMessage() + progress.sofar(),
                            password),
                    progress.output());
        } catch (JedisDataException e) {
            return new ActionOutcome.Failed(
                    mask(
                            "redis " + target.describe() + " refused " + progress.command + ": " + e.getMessage()
                                    + progress.sofar(),
                            password),
                    progress.output());
        } catch (JedisException e) {
            return new ActionOutcome.Failed(
                    mask("redis " + target.describe() + ": " + e.getMessage() + progress.sofar(), password),
                    progress.output());
        }
    }

    private static ActionOutcome deleteMatching(Jedis jedis, String glob, long deadline, Progress progress) {
        ScanParams params =
                new ScanParams().match(glob.getBytes(StandardCharsets.UTF_8)).count(SCAN_COUNT);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            if (Thread.currentThread().isInterrupted()) {
                return new ActionOutcome.Failed("cancelled" + progress.sofar(), progress.output());
            }
            if (System.nanoTime() - deadline > 0) {
                return new ActionOutcome.Failed(
                        "timed out before the scan finished" + progress.sofar() + "; run it again to continue",
                        progress.output());
            }
            ScanResult<byte[]> page = jedis.scan(cursor, params);
            List<byte[]> keys = page.getResult();
            for (int from = 0; from < keys.size(); from += UNLINK_BATCH) {
                byte[][] batch = keys.subList(from, Math.min(keys.size(), from + UNLINK_BATCH))
                        .toArray(new byte[0][]);
                progress.deleted += jedis.unlink(batch);
            }
            cursor = page.getCursorAsBytes();
        } while (!Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
        return new ActionOutcome.Completed(progress.output());
    }

    private static int millis(Duration timeout) {
        long ms = timeout.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    private static String mask(String text, Optional<Secret> password) {
        return password.map(p -> text.replace(p.reveal(), "<secret:" + p.name() + ">"))
                .orElse(text);
    }

    private static String quote(String glob) {
        StringBuilder sb = new StringBuilder("\"");
        glob.codePoints().forEach(c -> {
            if (c == '"') {
                sb.append("\\\"");
            } else if (Character.isISOControl(c) || InvisibleCharacters.is(c)) {
                sb.append(InvisibleCharacters.escaped(c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }

    /** What a run had done when it stopped, for the failure message. */
    private static final class Progress {
        String command = "the command";
        long deleted;

        String output() {
            return deleted == 0 ? "(empty list or set)\n0 keys deleted" : "OK\n" + deleted + " keys deleted";
        }

        String sofar() {
            return deleted == 0 ? "" : " (after deleting " + deleted + " keys)";
        }
    }
}

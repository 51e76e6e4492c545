package dev.runbookbot.config;

import dev.runbookbot.remediate.redis.RedisSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How remediations run: how long an action may take, how long to wait before checking whether the service recovered,
 * and the named Redis targets of {@code flush_cache}
 * ({@code redis.<name>.{host,port,database,passwordSecret,tls}} in the file).
 */
public record RemediationSettings(Duration actionTimeout, Duration settleTime, List<RedisSettings> redis) {
    public RemediationSettings {
        redis = List.copyOf(redis);
    }

    static RemediationSettings read(SettingsSource s) {
        List<RedisSettings> redis = new ArrayList<>();
        for (String name : s.keys("redis")) {
            String key = "redis." + name;
            try {
                redis.add(new RedisSettings(
                        name,
                        s.string(key + ".host", null, "127.0.0.1"),
                        s.integer(key + ".port", null, 6379),
                        s.integer(key + ".database", null, 0),
                        s.string(key + ".passwordSecret", null).or(Optional::empty),
                        s.bool(key + ".tls", null, false)));
            } catch (IllegalArgumentException e) {
                throw new SettingsException("settings '" + key + "': " + e.getMessage(), e);
            }
        }
        return new RemediationSettings(
                s.duration("remediation.actionTimeout", "RUNBOOK_ACTION_TIMEOUT", Duration.ofSeconds(60)),
                s.duration("remediation.settleTime", "RUNBOOK_SETTLE_TIME", Duration.ofSeconds(60)),
                redis);
    }
}

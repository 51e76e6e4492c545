package dev.runbookbot.slack;

import dev.runbookbot.remediate.ApproverDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approver user groups ({@code S...}) resolved with {@code usergroups.users.list} when a click is checked. An answer is
 * kept for at most {@link #DEFAULT_TTL}, so someone removed from the group loses the right within a minute, while a
 * burst of clicks costs one call. A group Slack cannot read right now (unknown, rate limited, no scope) has no members:
 * the check fails closed, and the reason is logged. Thread-safe.
 */
public final class SlackApproverDirectory implements ApproverDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(SlackApproverDirectory.class);
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    private record Members(Set<String> userIds, long readAtNanos) {}

    private final SlackWebApi api;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Members> cache = new ConcurrentHashMap<>();

    public SlackApproverDirectory(SlackWebApi api) {
        this(api, DEFAULT_TTL, System::nanoTime);
    }

    SlackApproverDirectory(SlackWebApi api, Duration ttl, LongSupplier nanoTime) {
        this.api = Objects.requireNonNull(api, "api");
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Set<String> membersOf(String groupId) {
        long now = nanoTime.getAsLong();
        Members cached = cache.get(groupId);
        if (cached != null && now - cached.readAtNanos() < ttlNanos) {
            return cached.userIds();
        }
        SlackResult<List<String>> result = api.usergroupMembers(groupId);
        if (result instanceof SlackResult.Ok<List<String>> ok) {
            Set<String> members = Set.copyOf(ok.value());
            cache.put(groupId, new Members(members, now));
            return members;
        }
        cache.remove(groupId);
        LOG.warn(
                "Approver group {} could not be read, so nobody is an approver through it: {}",
                groupId,
                result.describe());
        return Set.of();
    }
}

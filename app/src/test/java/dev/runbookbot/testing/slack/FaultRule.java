package dev.runbookbot.testing.slack;

import java.util.Objects;

/**
 * Applies {@code fault} to the next {@code times} calls of {@code method}, only those for {@code channel} when it is
 * not null. Rules are tried in the order they were injected; each matching call uses up one time.
 */
public record FaultRule(String method, String channel, int times, Fault fault) {
    public FaultRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
    }

    /** {@code fault} on the next call of {@code method}, any channel. */
    public static FaultRule on(String method, Fault fault) {
        return new FaultRule(method, null, 1, fault);
    }

    public FaultRule inChannel(String channelId) {
        return new FaultRule(method, channelId, times, fault);
    }

    public FaultRule times(int n) {
        return new FaultRule(method, channel, n, fault);
    }

    boolean matches(String calledMethod, String calledChannel) {
        return method.equals(calledMethod) && (channel == null || channel.equals(calledChannel));
    }
}

package dev.runbookbot.remediate.redis;

/**
 * Escaping for Redis glob patterns ({@code SCAN ... MATCH}). Redis treats {@code * ? [ ] ^ -} and {@code \} as pattern
 * syntax ({@code stringmatchlen} in util.c) and a backslash makes the next character literal, both inside and outside
 * a {@code [...]} class; so a value with each of those characters backslash-escaped matches only itself, wherever the
 * runbook author placed it.
 */
final class RedisGlob {
    private static final String SPECIAL = "*?[]^-\\";

    private RedisGlob() {}

    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}

package dev.runbookbot.slack;

import dev.runbookbot.secrets.Secret;

/** Whether a token is set and of the right kind ({@code xoxb-}, {@code xapp-}), judged without printing it. */
final class TokenShape {
    private TokenShape() {}

    /**
     * @param kind what the token is, for example "bot token (xoxb-...)"
     * @throws SlackStartupException naming the variable when the token is missing or of another kind
     */
    static void check(Secret token, String prefix, String kind) {
        String value = token.reveal().trim();
        if (value.isEmpty()) {
            throw SlackStartupException.missingToken(token.name(), kind);
        }
        if (!value.startsWith(prefix)) {
            throw SlackStartupException.wrongTokenKind(token.name(), prefix, describePrefix(value));
        }
    }

    /** The recognisable kind of a token (xoxb-, xapp-, xoxp-...), never more of it. */
    private static String describePrefix(String token) {
        int dash = token.indexOf('-');
        if (dash > 0 && dash <= 4 && token.substring(0, dash).chars().allMatch(Character::isLetter)) {
            return token.substring(0, dash + 1);
        }
        return "something that is not a Slack token";
    }
}

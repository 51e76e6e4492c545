package dev.runbookbot.testing.slack;

/**
 * How the fake picks the Socket Mode connection of an envelope when the app holds several (Slack allows up to 10 per
 * app and spreads envelopes across them; the bot's replicas each hold one).
 */
public enum EnvelopeSpread {
    /** Every envelope to the newest open connection (the default: one bot, reconnecting). */
    NEWEST,
    /** Each envelope to the next open connection in turn, so consecutive envelopes reach different replicas. */
    ROUND_ROBIN
}

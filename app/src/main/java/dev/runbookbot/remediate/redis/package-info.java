/**
 * The Redis remediation {@code flush_cache} through Jedis: {@code FLUSHDB ASYNC} of a configured target's database, or
 * deletion of the keys matching a glob with {@code SCAN} and batched {@code UNLINK} (never {@code KEYS}, which blocks
 * the server). Targets are named in the bot's settings ({@link dev.runbookbot.remediate.redis.RedisSettings}); a
 * runbook refers to one by name and can never choose a host. Values rendered into a pattern are glob-escaped, so alert
 * data can narrow a deletion to the keys it names but never widen it. The password is resolved by secret name at run
 * time, shown as {@code <secret:NAME>} in previews and masked in messages. The output mirrors {@code redis-cli}
 * ({@code OK}, {@code (empty list or set)}) so runbooks' expected-output patterns keep working.
 */
package dev.runbookbot.remediate.redis;

/**
 * Secrets: values that must never be printed, how they are kept encrypted at rest, and how they are masked wherever
 * text leaves the bot. JDK only ({@code javax.crypto}).
 *
 * <p>A {@link dev.runbookbot.secrets.Secret} prints as {@code <secret>}; runbooks and configuration name secrets and
 * a {@link dev.runbookbot.secrets.SecretResolver} looks them up, from the environment ({@code config}) or from the
 * encrypted {@link dev.runbookbot.secrets.SecretStore} ({@link dev.runbookbot.secrets.StoredSecretResolver}). The
 * store keeps each value sealed by {@link dev.runbookbot.secrets.SecretBox}: AES-256-GCM, a fresh random 96-bit IV per
 * encryption, the secret's name bound as additional authenticated data so a ciphertext moved to another row does not
 * decrypt, and the key id inside the envelope so a rotation ({@code RUNBOOK_MASTER_KEY_PREVIOUS} decrypts, {@code
 * RUNBOOK_MASTER_KEY} re-encrypts, in one transaction) can proceed and a wrong key is named, never guessed at. The
 * {@link dev.runbookbot.secrets.MasterKey} comes from the environment or a key file read by {@code config} and is never
 * stored; its id is a hash prefix that does not reveal it. Every failure is a {@link
 * dev.runbookbot.secrets.SecretException} whose message names the secret and the key ids and says what to do.
 *
 * <p>The {@link dev.runbookbot.secrets.Redactor} replaces every known value with {@code <secret:NAME>} by literal
 * matching, never through a regular expression built from the value (Rundeck's runner masked with regular expressions and leaked values containing {@code +++}), and a {@link
 * dev.runbookbot.secrets.StreamRedactor} does the same for output arriving in chunks, including values split between
 * two chunks. Callers mask first, then truncate, store, log or render. Values shorter than four characters cannot be
 * masked without destroying ordinary output, so {@link dev.runbookbot.secrets.SecretRules} refuses to store them.
 */
package dev.runbookbot.secrets;

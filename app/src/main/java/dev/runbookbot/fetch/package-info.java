/**
 * Outbound HTTP for adapters that read from other systems (Prometheus, Loki, the URLs an {@code http_check} probes).
 * {@link dev.runbookbot.fetch.HttpFetcher} wraps the bot's one shared {@code OkHttpClient}: each request gets the
 * step's time budget as its call timeout, redirects are never followed (a 3xx is reported as it is), the response body
 * is read up to a cap on an okhttp dispatcher thread, and the calling thread only waits, so interrupting it cancels the
 * request at once. Failures come back as {@link dev.runbookbot.fetch.FetchFailure}, already classified as a
 * {@link dev.runbookbot.diagnose.FailureKind} with a reason a person can act on; no message ever carries a header
 * value, a query string or a body, so credentials sent in headers cannot leak through it. This package is shared
 * infrastructure like {@code process/}: adapters may use it, it uses no adapter.
 */
package dev.runbookbot.fetch;

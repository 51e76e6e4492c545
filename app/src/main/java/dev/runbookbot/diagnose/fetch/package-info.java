/**
 * Outbound HTTP for adapters that read from other systems (Prometheus, Loki, the URLs an {@code http_check} probes).
 * {@link dev.runbookbot.diagnose.fetch.HttpFetcher} wraps the bot's one shared {@code OkHttpClient}: each request gets the
 * step's time budget as its call timeout, redirects are never followed (a 3xx is reported as it is), the response body
 * is read up to a cap on an okhttp dispatcher thread, and the calling thread only waits, so interrupting it cancels the
 * request at once. Failures come back as {@link dev.runbookbot.diagnose.fetch.FetchFailure}, already classified as a
 * {@link dev.runbookbot.diagnose.FailureKind} with a reason a person can act on; no message ever carries a header
 * value, a query string or a body, so credentials sent in headers cannot leak through it. It lives under {@code diagnose} because only the diagnostic types use it and its failures speak their vocabulary; it is not a diagnostic type itself ({@code ArchitectureTest.diagnosticTypesAreIndependent} lets the types share it), and it uses no adapter.
 */
package dev.runbookbot.diagnose.fetch;

/**
 * The {@code http_check} diagnostic: requests the URLs a runbook lists, in parallel within the step's timeout, and
 * reports per URL the status, latency, error and the days until its TLS certificate expires, plus aggregate facts
 * (all healthy, any unreachable, the slowest, the nearest certificate expiry). Safety is built into the config: alert
 * data may only fill percent-encoded path or query slots, never the scheme, host or port, so labels cannot aim a check
 * at another server (SSRF); redirects are not followed; bodies are read up to a cap; only GET and HEAD are sent;
 * header values refuse line breaks; and credentials come from the secret store by name and never reach evidence. An
 * expired certificate, which fails the request's own handshake, still has its expiry read, by a second handshake that
 * is always aborted before any request is sent.
 */
package dev.runbookbot.diagnose.http;

/**
 * The remediation {@code http_request} through okhttp: one API call to a URL the runbook author wrote, with headers
 * that may carry a stored credential ({@code {secret: NAME, prefix: "Bearer "}}) and a text or JSON body. Alert data
 * is only ever data here: it is percent-encoded into the URL's path or query (it can never choose the host), refused in
 * a header value when it holds a line break or a control character, and placed into JSON bodies value by value through
 * a JSON tree, never by string concatenation. Redirects are not followed, failed connections are not retried, and each
 * call carries the run's {@code Idempotency-Key}. Responses are capped and every secret the request used is masked
 * before the output is cut, stored or shown; previews show secrets as {@code <secret:NAME>}.
 */
package dev.runbookbot.remediate.http;

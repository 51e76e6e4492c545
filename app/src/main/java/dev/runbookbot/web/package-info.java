/**
 * The bot's HTTP server ({@link dev.runbookbot.web.WebServer}, configured by {@link dev.runbookbot.web.WebSettings}):
 * Alertmanager and PagerDuty webhooks, and {@code /healthz}, {@code /readyz} ({@link dev.runbookbot.web.ReadinessCheck}s
 * injected by the runtime) and {@code /metrics} (the {@link dev.runbookbot.telemetry.Metrics} registry). A webhook
 * route is a short pipeline: authenticate or verify the signature, read the body within the limit, map it with the
 * {@code alert} package, hand it to the core's {@link dev.runbookbot.incident.intake.AlertIntake}, answer. The answer codes
 * follow what each sender retries: 2xx only once the intake has recorded the delivery durably, 503 with {@code
 * Retry-After} when the store is busy (Alertmanager retries only 5xx; PagerDuty 5xx and 429), and 4xx only for requests
 * no retry can fix, because both senders drop a 4xx for good. Credentials are compared in constant time, and nothing
 * here logs a header, a query string or a body.
 *
 * <p>Why Javalin (7, on Jetty 12) rather than the JDK's {@code com.sun.net.httpserver}: Jetty sets {@code TCP_NODELAY}
 * on accepted connections, while the JDK server leaves Nagle on unless the process-wide system property {@code
 * sun.net.httpserver.nodelay=true} is set, and then small answers wait for the peer's delayed ACK (about 44 ms per
 * request measured on the project's machine); Jetty also gives a bounded, named request thread pool, HTTP/1.1
 * keep-alive and header limits that are maintained upstream, and Javalin adds routing and method handling without
 * hiding the request. Javalin is the one place the web imports; the routes stay small {@code Handler}s. This adapter
 * imports the {@code alert} payload package (its codec) and {@code telemetry}; neither imports it back.
 */
package dev.runbookbot.web;

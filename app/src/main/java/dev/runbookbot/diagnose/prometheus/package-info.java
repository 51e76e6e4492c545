/**
 * The {@code prometheus_query} diagnostic: an instant PromQL query against the Prometheus HTTP API, read into typed
 * facts. The query is a template whose values (alert labels, parameters) are escaped as PromQL string literals, so
 * hostile label values stay data. Every shape of answer stays distinct for interpret conditions: a vector with one or
 * many samples, a scalar, a matrix, a string, an empty result, NaN and infinities, a query Prometheus rejected, and a
 * server that answered badly or not at all; none of them is ever read as 0 or as healthy. Evidence names the series
 * and their values; details list up to {@value dev.runbookbot.diagnose.prometheus.QueryFacts#MAX_DETAILS} of them.
 * {@link dev.runbookbot.diagnose.prometheus.PrometheusSettings} is the bot-wide server and credentials; a step may
 * name its own server with its own credentials.
 *
 * <p>The {@code prometheus_targets} diagnostic reads the same server's targets API instead ({@link
 * dev.runbookbot.diagnose.prometheus.TargetsExecutor}): the active targets of one scrape job, which are down and with
 * which last scrape error, matched against the step's literal patterns. The job is a value compared with each target's
 * {@code job} label, never put into a request; it is the native form of a {@code curl | jq} over that API.
 */
package dev.runbookbot.diagnose.prometheus;

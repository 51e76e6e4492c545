/**
 * The {@code prometheus_query} diagnostic: an instant PromQL query against the Prometheus HTTP API, read into typed
 * facts. The query is a template whose values (alert labels, parameters) are escaped as PromQL string literals, so
 * hostile label values stay data. Every shape of answer stays distinct for interpret conditions: a vector with one or
 * many samples, a scalar, a matrix, a string, an empty result, NaN and infinities, a query Prometheus rejected, and a
 * server that answered badly or not at all; none of them is ever read as 0 or as healthy. Evidence names the series
 * and their values; details list up to {@value dev.runbookbot.diagnose.prometheus.QueryFacts#MAX_DETAILS} of them.
 * {@link dev.runbookbot.diagnose.prometheus.PrometheusSettings} is the bot-wide server and credentials; a step may
 * name its own server with its own credentials.
 */
package dev.runbookbot.diagnose.prometheus;

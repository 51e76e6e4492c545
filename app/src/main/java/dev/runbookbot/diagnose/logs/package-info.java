/**
 * The {@code log_search} diagnostic: how many log lines matched in a time window, and the newest of them. Three
 * sources share one set of facts: Grafana Loki (a LogQL query over {@code /loki/api/v1/query_range}, including metric
 * queries), local files (a glob and a regular expression, reading only each file's tail) for machines without Loki,
 * and the systemd journal through {@code journalctl} run as an argv list. Alert data reaches a LogQL query only as
 * escaped string values, and never a regular expression, a file path or a journalctl argument; lines are cleaned of
 * control characters before anyone sees them. A glob that matches nothing, a missing journalctl and a query Loki
 * rejects are failures with their reason, never a quiet "no matches".
 */
package dev.runbookbot.diagnose.logs;

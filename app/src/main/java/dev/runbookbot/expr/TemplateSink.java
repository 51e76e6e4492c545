package dev.runbookbot.expr;

/**
 * Where a rendered template goes. The sink decides how a value is made safe:
 *
 * <ul>
 *   <li>{@link #ARGV} and {@link #ENV}: one argv element or one environment value; no shell ever reads it, so the value
 *       is inserted as is.
 *   <li>{@link #PROMQL}: a PromQL query. A variable must stand inside a quoted string ({@code "..."} or {@code '...'});
 *       there backslash, the opening quote and control characters are escaped as Prometheus' lexer reads them, and
 *       after {@code =~}/{@code !~} its regular-expression metacharacters are quoted too. Outside quotes only a number
 *       or a duration ({@code 5m}) is accepted; inside a raw {@code `...`} string nothing is.
 *   <li>{@link #SQL}: a SQL statement. Each variable becomes a {@code ?} bind parameter; a variable inside quotes or a
 *       comment is an error.
 *   <li>{@link #URL}: a URL written by the runbook author. Variables are percent-encoded as one path segment or query
 *       value, so alert data can never choose the scheme, host or port (a template starting with {@code //} is
 *       protocol-relative: its host cannot be templated either), and a path segment may not be {@code .} or
 *       {@code ..}.
 *   <li>{@link #TEXT}: plain text for a person (a Slack renderer escapes mrkdwn itself); control characters other than
 *       newline and tab are removed.
 * </ul>
 */
public enum TemplateSink {
    ARGV,
    ENV,
    PROMQL,
    SQL,
    URL,
    TEXT
}

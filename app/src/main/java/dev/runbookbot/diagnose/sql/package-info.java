/**
 * The {@code database_query} diagnostic: one SQL read statement against a named data source from configuration, its
 * rows exposed to interpret conditions ({@code rows}, {@code row_count}, {@code value}, ...).
 *
 * <p>Template values never become SQL text: each {@code {{ ... }}} in the query is rendered as a {@code ?} and bound
 * as a parameter, and a placeholder inside SQL quotes is a load-time error. The data source is named literally, so
 * alert data cannot pick the database. Load-time validation also insists on a single statement that starts with a
 * read keyword, for a clear message; the actual guarantee that a diagnostic cannot write comes from the
 * {@link dev.runbookbot.datasource.NamedDataSources#openReadOnly read-only session}, which the database enforces.
 * This package is an adapter over the shared {@code datasource} package.
 */
package dev.runbookbot.diagnose.sql;

/**
 * Named JDBC data sources from configuration, and sessions on them: what the {@code database_query} diagnostic reads
 * and what database remediations will later write.
 *
 * <p>The guarantees live here, not in each caller. A diagnostic can only get a read-only session, and read-only is
 * enforced by the database (a read-only PostgreSQL transaction with {@code default_transaction_read_only}, an SQLite
 * file opened read-only with {@code query_only}), not by inspecting SQL. Every statement has a statement timeout (on
 * the server for PostgreSQL, and as a JDBC query timeout everywhere) and every query a row cap. Values come back as the
 * handful of types conditions understand. Credentials never travel in a URL: a URL carrying one is refused, passwords
 * are looked up by secret name when connecting, and URLs are masked in every message. Driver errors become a
 * {@link dev.runbookbot.datasource.DataSourceException} with a kind (unreachable, timeout, query error, ...) so callers
 * can classify failures without knowing the driver.
 *
 * <p>This package is an adapter: it imports JDBC, the PostgreSQL and SQLite drivers and the core {@code secrets}
 * types, and no other adapter.
 */
package dev.runbookbot.datasource;

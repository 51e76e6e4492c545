/**
 * The {@code run_script} action: a statement against a named data source configured as writable ({@code datasource/}),
 * with template values bound as parameters and one transaction per run. Opening the session with {@code openForWrite}
 * is the guard: a data source that configuration does not mark writable is refused before any statement is sent, and
 * the role the data source logs in with decides what the statement may do (for {@code pg_terminate_backend}, a member
 * of {@code pg_signal_backend} and nothing more). This package imports the shared {@code datasource} infrastructure,
 * never another action family.
 */
package dev.runbookbot.remediate.script;

/**
 * The {@code run_script} action, in two forms. A command runs through the shared argv runner ({@code process/}) under the
 * same rules as the {@code shell_command} diagnostic ({@code process.CommandTemplate}): argv only, the program written
 * literally, no templated value where an interpreter reads code, secrets only in the environment, the whole process
 * tree killed at the timeout, output capped and masked. A statement runs against a named data source configured as
 * writable ({@code datasource/}), with template values bound as parameters and one transaction per run; opening the
 * session with {@code openForWrite} refuses a data source that configuration does not mark writable before any
 * statement is sent, and the role the data source logs in with decides what the statement may do (for {@code
 * pg_terminate_backend}, a member of {@code pg_signal_backend} and nothing more). This package imports the shared
 * {@code process} and {@code datasource} infrastructure, never another action family.
 */
package dev.runbookbot.remediate.script;

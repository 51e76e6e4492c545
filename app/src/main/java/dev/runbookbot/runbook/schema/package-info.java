/**
 * The runbook format as a JSON Schema, so editors can complete and check runbooks while they are written.
 *
 * <p>The schema is a hand-written resource (it carries descriptions an editor shows on hover); a test keeps it in
 * agreement with {@link dev.runbookbot.runbook.load.RunbookFormat} and the enums the loader accepts, and validates the
 * shipped runbooks against it.
 */
package dev.runbookbot.runbook.schema;

/**
 * The incident record in SQLite (the embedded default) or PostgreSQL (the shared store of several replicas), through
 * Jdbi: {@link dev.runbookbot.store.JdbiIncidentStore} implements the core's
 * {@link dev.runbookbot.incident.IncidentStore}, {@link dev.runbookbot.store.JdbiIncidentQueries} its read side (also
 * what {@code runbookctl} opens read-only).
 *
 * <p>{@link dev.runbookbot.store.SqliteDatabase} owns the file and its discipline, following sqlite.org (wal.html,
 * pragma.html, lang_transaction.html, howtocorrupt.html): WAL journal, {@code foreign_keys=ON}, {@code busy_timeout} (5 s), {@code synchronous=FULL} by default;
 * one writer connection, every write transaction opened with {@code BEGIN IMMEDIATE} so it never fails half-way with a
 * busy error, and writes asked for while another commits sharing the next commit ({@link
 * dev.runbookbot.store.GroupCommit}: each in its own savepoint, so a failing one undoes only itself; one sync of the WAL
 * for the batch instead of one per write); a pool of {@code query_only} read connections beside it. A write that cannot start
 * within the busy timeout throws {@link dev.runbookbot.incident.StoreBusyException} (a webhook answers 503). Exception
 * messages name statements, never bound values. The schema is versioned ({@code migrations/V<n>__*.sql}, recorded in
 * {@code schema_version}) and migrated at start-up; a newer schema is refused untouched. Transitions are
 * compare-and-set updates ({@code WHERE id = ? AND state = ? AND version = ?}) written with their audit rows, timeline
 * entry and automation event in the same transaction; times are epoch milliseconds and deadlines absolute, so timers
 * and approvals survive a restart. Crash safety (SIGKILL) is tested by {@code StoreCrashIT}; power loss is not.
 *
 * <p>The same file holds the encrypted credential store, {@link dev.runbookbot.store.JdbiSecretStore} (table {@code
 * secret}, migration 2), which goes through the same writer. Values are sealed by the core's {@code SecretBox} before
 * any statement is built, so the file, its WAL and every bound argument hold only AES-GCM envelopes; the master key is
 * never stored.
 *
 * <p>Two smaller tables share the file and the writer: {@link dev.runbookbot.store.JdbiPromotions} (table {@code
 * promotion}, migration 3) and {@link dev.runbookbot.store.JdbiIncidentInputs} (table {@code incident_input}, migration
 * 4), the template inputs of each incident as three JSON objects, so that a remediation approved after a restart still
 * renders with its alert's labels and the runbook's typed parameters.
 *
 * <p>Every store is written against {@link dev.runbookbot.store.StoreDatabase}, so the same classes run on both
 * engines. {@link dev.runbookbot.store.PostgresDatabase} is selected by {@code store.url} ({@code RUNBOOK_STORE_URL}):
 * a HikariCP pool, writes at READ COMMITTED, reads at REPEATABLE READ. Correctness beside other replicas comes from the
 * compare-and-set updates and unique indexes above, not from a single writer: a transaction that loses a race (unique
 * violation, serialization failure, deadlock, or a compare-and-set that matched no row, {@link
 * dev.runbookbot.store.ConcurrentChange}) is run again and sees the winner's row; starting a run also takes a
 * transaction-scoped advisory lock on its target. {@link dev.runbookbot.store.SqlDialect} holds the few statements the
 * engines spell differently; {@code migrations/postgresql/} has one script per version of {@code migrations/}, and a
 * test compares the tables and columns both produce. A lost server connection is a {@link
 * dev.runbookbot.incident.StoreUnavailableException} (webhooks answer 503, {@code /readyz} reports it until a write
 * works again); the pool reconnects by itself. {@link dev.runbookbot.store.StoreCopy} moves an SQLite record into an
 * empty PostgreSQL database ({@code runbookctl store copy}).
 */
package dev.runbookbot.store;

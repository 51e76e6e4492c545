package dev.runbookbot.store;

import dev.runbookbot.incident.StoreException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * {@code runbookctl store copy}: the whole record of an SQLite file moved into an empty PostgreSQL database, so a bot
 * that outgrew one machine keeps its history, pending approvals, deadlines and encrypted secrets. The source is read in
 * one snapshot; the target is written in one transaction, table by table in the order their references allow, rows in
 * their original order with their ids, and the identity sequences are moved past the copied ids. A target that already
 * holds any record is refused and nothing is written, so running the copy twice never duplicates anything.
 */
public final class StoreCopy {
    /** Every table of the record, parents before the tables that refer to them. */
    static final List<String> TABLES = List.of(
            "incident",
            "remediation_run",
            "run_approval",
            "run_transition",
            "timeline_event",
            "automation_event",
            "inbound_event",
            "incident_input",
            "alert_group_member",
            "secret",
            "promotion");

    /** The tables whose {@code id} comes from an identity sequence on PostgreSQL. */
    private static final List<String> IDENTITY_TABLES =
            List.of("incident", "remediation_run", "run_transition", "timeline_event", "automation_event", "promotion");

    private static final Pattern COLUMN = Pattern.compile("[a-z_]+");

    private StoreCopy() {}

    /**
     * Copies every row of {@code from} into {@code to}.
     *
     * @return the number of rows copied per table, in copy order
     * @throws StoreException when {@code to} already holds a record (nothing is copied), or either side fails
     */
    public static Map<String, Integer> copy(SqliteDatabase from, PostgresDatabase to) {
        Map<String, List<Map<String, Object>>> rows = from.read(h -> {
            Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
            for (String table : TABLES) {
                all.put(
                        table,
                        h.createQuery("SELECT * FROM " + table + " ORDER BY rowid")
                                .mapToMap()
                                .list());
            }
            return all;
        });
        return to.write(h -> {
            refuseNonEmpty(h, to);
            Map<String, Integer> copied = new LinkedHashMap<>();
            for (Map.Entry<String, List<Map<String, Object>>> table : rows.entrySet()) {
                for (Map<String, Object> row : table.getValue()) {
                    insert(h, table.getKey(), row);
                }
                copied.put(table.getKey(), table.getValue().size());
            }
            for (String table : IDENTITY_TABLES) {
                h.createQuery("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'),"
                                + " coalesce(max(id), 1), max(id) IS NOT NULL) FROM " + table)
                        .mapTo(Long.class)
                        .one();
            }
            return copied;
        });
    }

    private static void refuseNonEmpty(Handle h, StoreDatabase to) {
        List<String> holding = new ArrayList<>();
        for (String table : TABLES) {
            long count = h.createQuery("SELECT count(*) FROM " + table)
                    .mapTo(Long.class)
                    .one();
            if (count > 0) {
                holding.add(table + " " + count);
            }
        }
        if (!holding.isEmpty()) {
            throw new StoreException(to.describe() + " already holds records (" + String.join(", ", holding)
                    + "); store copy only fills an empty database, so nothing was copied");
        }
    }

    private static void insert(Handle h, String table, Map<String, Object> row) {
        List<String> columns = new ArrayList<>(row.keySet());
        for (String column : columns) {
            if (!COLUMN.matcher(column).matches()) {
                throw new StoreException("table " + table + " has an unexpected column '" + column + "'");
            }
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")";
        Update update = h.createUpdate(sql);
        for (String column : columns) {
            Object value = row.get(column);
            if (value == null) {
                update.bindNull(column, Types.OTHER); // untyped: the server takes the column's type
            } else {
                update.bind(column, value);
            }
        }
        update.execute();
    }
}

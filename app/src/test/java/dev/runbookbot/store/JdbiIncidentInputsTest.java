package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.StoreException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs contract on a real SQLite file, plus what only the file shows: the inputs survive closing and reopening
 * it (a restart), rows refer to their incident, and a row changed behind the bot's back is reported, not guessed at.
 */
class JdbiIncidentInputsTest extends StoreDatabaseInputsContract<SqliteDatabase> {
    @TempDir
    Path directory;

    @Override
    protected SqliteDatabase open() {
        return SqliteDatabase.open(StoreOptions.at(directory.resolve("runbook-bot.db")), clock);
    }

    private List<Map<String, Object>> rows() {
        return database().read(h -> h.createQuery("SELECT * FROM incident_input ORDER BY incident_id")
                .mapToMap()
                .list());
    }

    @Test
    void inputsSurviveARestart() {
        IncidentId incident = anIncident();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("replicas", 3L);
        params.put("ratio", 3.0);
        params.put("dry_run", true);
        params.put("pattern", "{{ labels.tenant }}");
        TemplateContext saved = new TemplateContext(
                params, Map.of("tenant", "acme\n\"quoted\""), Map.of("summary", "p99 {{ over }} 2s"));
        inputs().save(incident, saved);

        restart();

        assertEquals(Optional.of(saved), inputs().load(incident));
        assertEquals(
                Long.class,
                inputs().load(incident).orElseThrow().params().get("replicas").getClass());
        assertEquals(
                Double.class,
                inputs().load(incident).orElseThrow().params().get("ratio").getClass());
    }

    @Test
    void theTableIsMigrationFourAndHoldsReadableJson() {
        IncidentId incident = anIncident();
        inputs().save(
                        incident,
                        new TemplateContext(Map.of("replicas", 3L), Map.of("service", "caf\u00e9 \"x\""), Map.of()));

        assertTrue(database().schemaVersion() >= 4, "the incident_input table arrives with migration 4");
        Map<String, Object> row = rows().get(0);
        assertEquals(incident.value(), ((Number) row.get("incident_id")).longValue());
        assertEquals("{\"replicas\":3}", row.get("params_json"));
        assertEquals("{\"service\":\"caf\\u00E9 \\\"x\\\"\"}", row.get("labels_json"));
        assertEquals("{}", row.get("annotations_json"));
    }

    @Test
    void inputsForAnIncidentTheStoreDoesNotHoldAreRefused() {
        IncidentId missing = new IncidentId(999);

        StoreException e = assertThrows(StoreException.class, () -> inputs().save(
                        missing, new TemplateContext(Map.of(), Map.of("service", "payments"), Map.of())));

        assertTrue(e.getMessage().contains("FOREIGNKEY"), e.getMessage());
        assertEquals(List.of(), rows());
    }

    @Test
    void aRowChangedOutsideTheBotIsReportedByIncidentAndColumn() {
        IncidentId incident = anIncident();
        inputs().save(incident, new TemplateContext(Map.of("replicas", 3L), Map.of(), Map.of()));
        database().write(h -> h.createUpdate(
                        "UPDATE incident_input SET params_json = '{\"replicas\": [3]}' WHERE incident_id = ?")
                .bind(0, incident.value())
                .execute());

        StoreException e = assertThrows(StoreException.class, () -> inputs().load(incident));

        assertEquals(
                "the kept inputs of " + incident + " cannot be read: params_json was changed outside runbook-bot"
                        + " ('replicas' is not a string, whole number, number or boolean)",
                e.getMessage());
    }

    @Test
    void theDatabaseRefusesColumnsThatAreNotJsonObjects() {
        IncidentId incident = anIncident();

        StoreException e = assertThrows(StoreException.class, () -> database()
                .write(h -> h.createUpdate("INSERT INTO incident_input VALUES (?, '[]', '{}', 'x')")
                        .bind(0, incident.value())
                        .execute()));

        assertTrue(e.getMessage().contains("CONSTRAINT_CHECK"), e.getMessage());
    }
}

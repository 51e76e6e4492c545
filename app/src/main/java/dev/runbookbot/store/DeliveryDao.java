package dev.runbookbot.store;

import dev.runbookbot.incident.intake.InboundDelivery;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code inbound_event} table: deliveries by idempotency key. */
@RegisterRowMapper(RowMappers.DeliveryMapper.class)
interface DeliveryDao {
    /** Inserts unless the key exists; returns 1 for a new delivery, 0 for a duplicate. */
    @SqlUpdate("""
            INSERT INTO inbound_event (key, source, received_ms, body) VALUES (:key, :source, :receivedMs, :body)
                ON CONFLICT (key) DO NOTHING
            """)
    int insert(
            @Bind("key") String key,
            @Bind("source") String source,
            @Bind("receivedMs") long receivedMs,
            @Bind("body") String body);

    @SqlQuery("SELECT * FROM inbound_event WHERE key = :key")
    Optional<InboundDelivery> find(@Bind("key") String key);

    @SqlQuery("SELECT * FROM inbound_event WHERE processed_ms IS NULL ORDER BY received_ms, rowid LIMIT :limit")
    List<InboundDelivery> unprocessed(@Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE inbound_event SET processed_ms = :processedMs, outcome = :outcome
             WHERE key = :key AND processed_ms IS NULL
            """)
    int markProcessed(@Bind("key") String key, @Bind("processedMs") long processedMs, @Bind("outcome") String outcome);
}

package dev.runbookbot.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code secret} table. Only sealed envelopes are bound here; plaintext never reaches a statement. */
@RegisterRowMapper(SecretRow.Mapper.class)
interface SecretDao {
    @SqlQuery("SELECT * FROM secret WHERE name = :name")
    Optional<SecretRow> find(@Bind("name") String name);

    @SqlQuery("SELECT * FROM secret ORDER BY name")
    List<SecretRow> all();

    /** Inserts the secret, or replaces its envelope and update stamp and keeps its creation stamp. */
    @SqlUpdate("""
            INSERT INTO secret (name, ciphertext, key_id, created_ms, created_by, updated_ms, updated_by)
                VALUES (:name, :ciphertext, :keyId, :nowMs, :actor, :nowMs, :actor)
                ON CONFLICT (name) DO UPDATE SET
                    ciphertext = excluded.ciphertext,
                    key_id = excluded.key_id,
                    updated_ms = excluded.updated_ms,
                    updated_by = excluded.updated_by
            """)
    int upsert(
            @Bind("name") String name,
            @Bind("ciphertext") String ciphertext,
            @Bind("keyId") String keyId,
            @Bind("nowMs") long nowMs,
            @Bind("actor") String actor);

    /** Replaces the envelope after a rotation, if it is still the one that was read; the value and its stamps stay. */
    @SqlUpdate("""
            UPDATE secret SET ciphertext = :ciphertext, key_id = :keyId
             WHERE name = :name AND ciphertext = :previous
            """)
    int reseal(
            @Bind("name") String name,
            @Bind("ciphertext") String ciphertext,
            @Bind("keyId") String keyId,
            @Bind("previous") String previous);

    @SqlUpdate("DELETE FROM secret WHERE name = :name")
    int delete(@Bind("name") String name);
}

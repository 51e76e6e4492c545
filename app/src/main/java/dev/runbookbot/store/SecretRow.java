package dev.runbookbot.store;

import dev.runbookbot.secrets.SecretInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of the {@code secret} table: the sealed envelope and its metadata, never a plaintext value. */
record SecretRow(
        String name,
        String ciphertext,
        String keyId,
        long createdMs,
        String createdBy,
        long updatedMs,
        String updatedBy) {

    SecretInfo info() {
        return new SecretInfo(
                name, keyId, Instant.ofEpochMilli(createdMs), createdBy, Instant.ofEpochMilli(updatedMs), updatedBy);
    }

    public static final class Mapper implements RowMapper<SecretRow> {
        @Override
        public SecretRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SecretRow(
                    rs.getString("name"),
                    rs.getString("ciphertext"),
                    rs.getString("key_id"),
                    rs.getLong("created_ms"),
                    rs.getString("created_by"),
                    rs.getLong("updated_ms"),
                    rs.getString("updated_by"));
        }
    }
}

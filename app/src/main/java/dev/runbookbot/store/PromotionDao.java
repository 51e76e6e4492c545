package dev.runbookbot.store;

import dev.runbookbot.remediate.Promotion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code promotion} table: append, ask, list. */
@RegisterRowMapper(PromotionDao.PromotionMapper.class)
interface PromotionDao {
    @SqlUpdate("""
            INSERT INTO promotion (action, environment, promoted_by, evidence_url, promoted_at)
            VALUES (:action, :environment, :promotedBy, :evidenceUrl, :promotedAt)
            """)
    void insert(
            @Bind("action") String action,
            @Bind("environment") String environment,
            @Bind("promotedBy") String promotedBy,
            @Bind("evidenceUrl") String evidenceUrl,
            @Bind("promotedAt") long promotedAt);

    @SqlQuery("""
            SELECT count(*) > 0 FROM promotion
             WHERE action = :action AND lower(environment) = lower(:environment)
            """)
    boolean exists(@Bind("action") String action, @Bind("environment") String environment);

    @SqlQuery("SELECT * FROM promotion ORDER BY id")
    List<Promotion> all();

    /** One row back into a {@link Promotion}. */
    final class PromotionMapper implements RowMapper<Promotion> {
        @Override
        public Promotion map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Promotion(
                    rs.getLong("id"),
                    rs.getString("action"),
                    rs.getString("environment"),
                    rs.getString("promoted_by"),
                    rs.getString("evidence_url"),
                    Instant.ofEpochMilli(rs.getLong("promoted_at")));
        }
    }
}

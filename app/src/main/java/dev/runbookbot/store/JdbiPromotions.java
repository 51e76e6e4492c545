package dev.runbookbot.store;

import dev.runbookbot.remediate.Promotion;
import dev.runbookbot.remediate.Promotions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Promotions} in the bot's SQLite database (table {@code promotion}, migration V3), through the same single
 * writer as the incident store. Promotions are only inserted; the environment is compared ignoring (ASCII) case.
 * Thread-safe.
 */
public final class JdbiPromotions implements Promotions {
    private final StoreDatabase database;
    private final Clock clock;

    public JdbiPromotions(StoreDatabase database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens an existing database file for {@code work} and closes it after: the CLI's way in ({@code runbookctl promote}
     * and {@code promotions}). Never creates the file or migrates it, so a CLI of another version cannot change the
     * schema under a running bot.
     *
     * @throws dev.runbookbot.incident.StoreException when the file is missing, not ours, or of another schema version
     */
    public static <T> T atFile(Path file, Function<? super Promotions, ? extends T> work) {
        try (StoreDatabase database = SqliteDatabase.openExisting(StoreOptions.at(file))) {
            return work.apply(new JdbiPromotions(database, Clock.systemUTC()));
        }
    }

    @Override
    public Promotion promote(String action, String environment, String promotedBy, String evidenceUrl) {
        Promotion.requireValid(action, environment, promotedBy, evidenceUrl);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String cleanAction = action.strip();
        String cleanEnvironment = environment.strip();
        String cleanBy = promotedBy.strip();
        String cleanUrl = evidenceUrl.strip();
        long id = database.write(h -> {
            PromotionDao promotions = h.attach(PromotionDao.class);
            promotions.insert(cleanAction, cleanEnvironment, cleanBy, cleanUrl, at.toEpochMilli());
            return database.dialect().lastInsertedId(h);
        });
        return new Promotion(id, cleanAction, cleanEnvironment, cleanBy, cleanUrl, at);
    }

    @Override
    public boolean isPromoted(String action, String environment) {
        return database.read(h -> h.attach(PromotionDao.class).exists(action, environment));
    }

    @Override
    public List<Promotion> list() {
        return database.read(h -> h.attach(PromotionDao.class).all());
    }
}

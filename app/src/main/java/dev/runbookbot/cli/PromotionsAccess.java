package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.remediate.Promotions;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How the CLI reaches the promotions in the bot's database: open the existing file (never creating or migrating it),
 * run one function against its {@link Promotions}, close it. The CLI does not know the store adapter; the caller wires
 * the SQLite one, {@code JdbiPromotions::atFile}, and tests an in-memory one.
 *
 * <p>Implementations throw {@link StoreException} when the file is missing, not a runbook-bot database, of another
 * schema version, or busy; the commands print its message.
 */
@FunctionalInterface
public interface PromotionsAccess {
    <T> T use(Path database, Function<? super Promotions, ? extends T> work);

    /** For a command line built without a database (tests of other commands): every use fails with a clear message. */
    static PromotionsAccess unavailable() {
        return new PromotionsAccess() {
            @Override
            public <T> T use(Path database, Function<? super Promotions, ? extends T> work) {
                throw new StoreException("promotions are not available in this command line");
            }
        };
    }
}

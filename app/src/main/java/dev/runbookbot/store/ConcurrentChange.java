package dev.runbookbot.store;

import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.TransitionResult;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Thrown inside a write transaction when its compare-and-set matched no row: another writer changed the row since it
 * was read. The transaction is rolled back; {@link PostgresDatabase} runs it again from the start, so the rule is
 * applied to the winner's row and the loser gets the precise answer (for example "already approved") that SQLite's one
 * writer gives. Only when it keeps losing is the answer a {@link RefusalKind#CONFLICT}.
 */
final class ConcurrentChange extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrentChange() {
        super("the row changed since it was read", null, false, false);
    }

    /** Runs a transition in one write transaction, turning a change that kept losing its race into a conflict. */
    static <T> TransitionResult<T> decide(
            StoreDatabase database, Object subject, Function<Handle, TransitionResult<T>> work) {
        try {
            return database.write(work);
        } catch (ConcurrentChange e) {
            return TransitionResult.refused(
                    RefusalKind.CONFLICT, subject + " changed while this request was handled; look again");
        }
    }
}

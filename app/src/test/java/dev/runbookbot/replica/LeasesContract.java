package dev.runbookbot.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The {@link Leases} contract, for every store: two views of one store (two connections, as two replicas have) take,
 * renew, fence, release and let expire named leases. Expiry is waited for as an event (the other view gets the
 * lease), never slept on.
 */
public abstract class LeasesContract {
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final ReplicaId A = new ReplicaId("bot-a");
    private static final ReplicaId B = new ReplicaId("bot-b");

    /** The store as the first replica sees it. */
    protected abstract Leases first();

    /** The same store through another connection, as a second replica sees it. */
    protected abstract Leases second();

    @Test
    void theFirstToTakeALeaseHoldsItAndTheOtherIsToldWho() {
        LeaseGrant a = first().take("background", A, LONG);
        LeaseGrant b = second().take("background", B, LONG);

        assertTrue(a.heldBy(A), a.toString());
        assertEquals("bot-a", b.holder());
        assertFalse(b.heldBy(B));
        assertEquals(a.token(), b.token(), "a refused take changes nothing");
    }

    @Test
    void renewingKeepsTheTokenAndTakingOverRaisesIt() {
        LeaseGrant taken = first().take("background", A, LONG);
        LeaseGrant renewed = first().take("background", A, LONG);
        assertEquals(taken.token(), renewed.token(), "the same tenure");

        first().release("background", A);
        LeaseGrant takenOver = second().take("background", B, LONG);

        assertTrue(takenOver.heldBy(B));
        assertEquals(taken.token() + 1, takenOver.token());
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldTenureIsFencedOff() {
        LeaseGrant old = first().take("background", A, Duration.ofMillis(200));
        assertTrue(first().fence("background", A, old.token()));

        LeaseGrant next = Poll.until("the lease of bot-a expires and bot-b takes it", Duration.ofSeconds(10), () -> {
            LeaseGrant attempt = second().take("background", B, LONG);
            return attempt.heldBy(B) ? Optional.of(attempt) : Optional.empty();
        });

        assertTrue(next.token() > old.token());
        assertFalse(first().fence("background", A, old.token()), "the old tenure is over");
        assertFalse(first().take("background", A, LONG).heldBy(A), "the old holder cannot take it back");
        assertTrue(second().fence("background", B, next.token()));
    }

    @Test
    void aReleasedLeaseIsNoLongerLiveAndAnotherHolderIsNotReleasedByMistake() {
        first().take("replica:bot-a", A, LONG);
        second().take("replica:bot-b", B, LONG);
        first().take("background", A, LONG);
        assertEquals(Set.of("bot-a", "bot-b"), second().liveHolders("replica:"));

        first().release("replica:bot-b", A); // not A's: nothing happens
        second().release("replica:bot-a", B);
        assertEquals(Set.of("bot-a", "bot-b"), first().liveHolders("replica:"));

        first().release("replica:bot-a", A);
        assertEquals(Set.of("bot-b"), first().liveHolders("replica:"));
        assertEquals("bot-a", second().current("background").orElseThrow().holder());
    }

    @Test
    void ofManyReplicasTakingAFreeLeaseAtOnceExactlyOneGetsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LeaseGrant>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ReplicaId who = new ReplicaId("bot-" + i);
                Leases view = i % 2 == 0 ? first() : second();
                Callable<LeaseGrant> take = () -> view.take("race", who, LONG);
                answers.add(pool.submit(take));
            }
            List<String> winners = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                LeaseGrant grant = answers.get(i).get();
                if (grant.heldBy(new ReplicaId("bot-" + i))) {
                    winners.add(grant.holder());
                }
            }
            assertEquals(1, winners.size(), "winners: " + winners);
            assertEquals(1, first().current("race").orElseThrow().token());
        } finally {
            pool.shutdownNow();
        }
    }
}

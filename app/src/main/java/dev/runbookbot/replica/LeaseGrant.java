package dev.runbookbot.replica;

/**
 * A lease as the store answered a take or renew: who holds it now and under which fencing token.
 *
 * @param name the lease
 * @param holder the replica holding it now (the caller, or another replica whose lease has not expired)
 * @param token the fencing token of the holder's tenure; higher for every later tenure
 * @param validMillis how long the lease stays valid from the store's now, 0 or less when it has expired
 */
public record LeaseGrant(String name, String holder, long token, long validMillis) {
    /** Whether {@code replica} holds the lease. */
    public boolean heldBy(ReplicaId replica) {
        return holder.equals(replica.value()) && validMillis > 0;
    }
}

/**
 * Several bot processes on one store acting as one bot. Each replica has an id ({@link ReplicaId}) and keeps a
 * heartbeat lease in the store; one of them at a time holds the {@code background} lease and does the work that must
 * happen once (the reaper, the delivery sweeps, the escalation and threshold timers, resuming the diagnoses of a
 * replica that died). Leases ({@link Leases}) expire by the store's clock, never a replica's, and carry a fencing
 * token that goes up on every change of hands, so a replica that was paused past its lease cannot act on an old
 * tenure. {@link LeaseKeeper} renews both leases about every second and takes the background lease over within a
 * few seconds of its holder's death. An incident's diagnosis is claimed by the replica that stored its inputs ({@link
 * DiagnosisClaims}); the background holder takes over (compare-and-set) the claims of replicas whose heartbeat expired
 * and diagnoses those incidents again, as a single bot does after a restart. Nothing here knows SQL or Slack: the
 * store implements the ports.
 */
package dev.runbookbot.replica;

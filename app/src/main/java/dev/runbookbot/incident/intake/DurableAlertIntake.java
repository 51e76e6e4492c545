package dev.runbookbot.incident.intake;

import dev.runbookbot.incident.Recorded;
import dev.runbookbot.incident.StoreBusyException;
import dev.runbookbot.incident.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks' {@link AlertIntake}: record first, answer, work later.
 *
 * <ol>
 *   <li>{@link #accept} stores the raw body in the {@link DeliveryLog} under its delivery key (its source is the key's
 *       prefix, {@code alertmanager:...}); a key stored before is {@link IntakeResult#DUPLICATE}, a busy store or a
 *       closed intake {@link IntakeResult#BUSY}, a failing disk {@link IntakeResult#STORE_UNAVAILABLE}. Only then does the sender get its 2xx. The last {@value
 *       #REMEMBERED_KEYS} keys the store confirmed are remembered, so the re-sends of a storm (Alertmanager's retries
 *       and repeat notifications, PagerDuty's retries) are answered without waiting for the store's one writer.
 *   <li>The events are handed to the workers and {@code accept} returns. The alerts of an Alertmanager notification go
 *       to the {@link AlertRouter} together, as one group, on a lane chosen by the group key, so the notifications of
 *       one group are handled one at a time and in the order they were accepted (a resolution never overtakes its
 *       firing). Other events (PagerDuty) go one by one on a lane chosen by their dedup key. Different groups and
 *       alerts are handled in parallel.
 *   <li>When every event of a delivery has been routed, the delivery is marked processed with the routing outcomes.
 * </ol>
 *
 * <p>Nothing acknowledged is lost: a delivery that is recorded but not processed (the process died after the 2xx, the
 * queue was full, routing failed) stays unprocessed in the log, and {@link #sweep()} (called by {@link #start()} and
 * then periodically by the runtime) rebuilds its events from the stored body with the {@link DeliveryDecoder} and
 * routes it again. Routing is idempotent (the store deduplicates open incidents by key, a resolution applies once), so
 * a delivery routed twice after a crash opens nothing twice. A delivery whose routing keeps failing is given up after
 * {@value #MAX_ATTEMPTS} attempts and marked processed with the failure, so one bad body cannot loop forever.
 *
 * <p>Thread-safe: the web server calls {@link #accept} from its request threads; routing runs on the executor given
 * to the constructor (built and named in the runtime), never on a request thread.
 */
public final class DurableAlertIntake implements AlertIntake, AutoCloseable {
    /** How many stored deliveries one sweep reads. */
    static final int SWEEP_BATCH = 1_000;
    /** Routing attempts of one delivery before it is given up (marked processed with its failure). */
    static final int MAX_ATTEMPTS = 5;
    /** The longest processing outcome stored for a delivery. */
    static final int MAX_OUTCOME = 2_000;
    /** How many recorded delivery keys are remembered, so their re-sends are answered without a write. */
    static final int REMEMBERED_KEYS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(DurableAlertIntake.class);

    private final DeliveryLog deliveries;
    private final DeliveryDecoder decoder;
    private final AlertRouter router;
    private final SerialLanes lanes;
    private final int maxQueued;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final RecordedKeys recorded = new RecordedKeys(REMEMBERED_KEYS);
    private volatile boolean closed;

    /**
     * @param workers runs the routing (a small bounded pool of its own)
     * @param laneCount how many serial lanes the keys are spread over: the workers bound how many alerts are routed at
     *     once, and with few lanes unrelated keys share one and wait for each other
     * @param maxQueued how many events may wait for routing; past it, deliveries stay recorded and the next sweep takes
     *     them (nothing is refused: the sender already has its 2xx)
     */
    public DurableAlertIntake(
            DeliveryLog deliveries,
            DeliveryDecoder decoder,
            AlertRouter router,
            Executor workers,
            int laneCount,
            int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("the alert queue needs room for at least one event, not " + maxQueued);
        }
        this.deliveries = deliveries;
        this.decoder = decoder;
        this.router = router;
        this.lanes = new SerialLanes(workers, laneCount);
        this.maxQueued = maxQueued;
    }

    /** Routes what was recorded but not processed before this start (a crash, a full queue). Returns how many. */
    public int start() {
        int resumed = sweep();
        if (resumed > 0) {
            log.info("resumed {} alert deliveries recorded before the restart but not processed", resumed);
        }
        return resumed;
    }

    @Override
    public IntakeResult accept(List<AlertEvent> events, String rawBody, String deliveryKey) {
        if (closed) {
            return IntakeResult.BUSY;
        }
        if (recorded.contains(deliveryKey)) {
            return IntakeResult.DUPLICATE;
        }
        Recorded<InboundDelivery> stored;
        long asked = System.nanoTime();
        try {
            stored = deliveries.recordDelivery(deliveryKey, sourceOf(deliveryKey), rawBody);
        } catch (StoreBusyException e) {
            return IntakeResult.BUSY;
        } catch (StoreUnavailableException e) {
            log.warn("delivery {} not recorded, answered as retry-later: {}", deliveryKey, e.getMessage());
            return IntakeResult.STORE_UNAVAILABLE;
        }
        if (log.isDebugEnabled()) {
            log.debug("delivery {} recorded in {} ms", deliveryKey, ms(System.nanoTime() - asked));
        }
        recorded.add(deliveryKey);
        if (stored.duplicate()) {
            return IntakeResult.DUPLICATE;
        }
        if (inFlight.add(deliveryKey)) {
            dispatch(deliveryKey, events);
        }
        return IntakeResult.ACCEPTED;
    }

    @Override
    public Optional<IntakeResult> known(String deliveryKey) {
        if (closed) {
            return Optional.of(IntakeResult.BUSY);
        }
        return recorded.contains(deliveryKey) ? Optional.of(IntakeResult.DUPLICATE) : Optional.empty();
    }

    /**
     * Routes every recorded delivery of the decoder's sources that is neither processed nor already being routed,
     * oldest first. Returns how many it handed to the workers. Safe to call at any time, from any thread.
     */
    public int sweep() {
        if (closed) {
            return 0;
        }
        List<InboundDelivery> pending;
        try {
            pending = deliveries.unprocessedDeliveries(SWEEP_BATCH);
        } catch (StoreBusyException | StoreUnavailableException e) {
            log.warn(
                    "the store cannot be read now; unprocessed alert deliveries wait for the next sweep: {}",
                    e.getMessage());
            return 0;
        }
        int handed = 0;
        for (InboundDelivery delivery : pending) {
            if (closed) {
                break;
            }
            if (!decoder.sources().contains(delivery.source()) || !inFlight.add(delivery.key())) {
                continue;
            }
            DecodedDelivery decoded = decoder.decode(delivery);
            if (decoded instanceof DecodedDelivery.Unreadable unreadable) {
                finish(delivery.key(), "not processed: the stored body cannot be read (" + unreadable.reason() + ")");
                continue;
            }
            dispatch(delivery.key(), ((DecodedDelivery.Alerts) decoded).events());
            handed++;
        }
        return handed;
    }

    /** Events waiting for or being routed right now (for tests and metrics). */
    public int queuedEvents() {
        return queued.get();
    }

    /** From now on every delivery is answered busy (503, so the sender retries later); queued work still finishes. */
    @Override
    public void close() {
        closed = true;
    }

    /** Hands a delivery the caller holds in {@link #inFlight} to the lanes, or leaves it for the next sweep. */
    private void dispatch(String key, List<AlertEvent> events) {
        if (events.isEmpty()) {
            finish(key, "no alerts in this delivery");
            return;
        }
        if (queued.addAndGet(events.size()) > maxQueued) {
            queued.addAndGet(-events.size());
            inFlight.remove(key);
            log.warn(
                    "{} alerts are waiting to be routed; delivery {} stays recorded for the next sweep",
                    maxQueued,
                    key);
            return;
        }
        Optional<AlertGroup> group = events.get(0).group();
        if (group.isPresent()) {
            DeliveryProgress progress = new DeliveryProgress(key, 1);
            long handed = System.nanoTime();
            try {
                lanes.execute(group.get().key(), () -> routeGroup(events, progress, handed));
            } catch (RejectedExecutionException e) {
                queued.addAndGet(-events.size());
                progress.abandon(1);
            }
            return;
        }
        DeliveryProgress progress = new DeliveryProgress(key, events.size());
        for (int i = 0; i < events.size(); i++) {
            AlertEvent event = events.get(i);
            try {
                lanes.execute(event.dedupKey(), () -> route(event, progress));
            } catch (RejectedExecutionException e) {
                // Shutting down: what did not start stays recorded and is routed after the restart.
                queued.addAndGet(-(events.size() - i));
                progress.abandon(events.size() - i);
                return;
            }
        }
    }

    private void route(AlertEvent event, DeliveryProgress progress) {
        try {
            progress.routed(router.route(event));
        } catch (RuntimeException e) {
            log.error("routing alert {} of delivery {} failed", event.dedupKey(), progress.key, e);
            progress.failed(e);
        } finally {
            queued.decrementAndGet();
        }
    }

    private void routeGroup(List<AlertEvent> events, DeliveryProgress progress, long handed) {
        long started = System.nanoTime();
        try {
            progress.routed(router.routeGroup(events));
            if (log.isDebugEnabled()) {
                log.debug(
                        "delivery {} waited {} ms for a worker, routed in {} ms",
                        progress.key,
                        ms(started - handed),
                        ms(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            log.error("routing the alert group of delivery {} failed", progress.key, e);
            progress.failed(e);
        } finally {
            queued.addAndGet(-events.size());
        }
    }

    private void finish(String key, String outcome) {
        try {
            deliveries.markDeliveryProcessed(key, capped(outcome));
            failedAttempts.remove(key);
        } catch (RuntimeException e) {
            log.warn("could not mark delivery {} processed; the next sweep routes it again", key, e);
        } finally {
            inFlight.remove(key);
        }
    }

    private void retryLater(String key, List<String> failures) {
        int attempts = failedAttempts.merge(key, 1, Integer::sum);
        if (attempts >= MAX_ATTEMPTS) {
            log.error("giving up on delivery {} after {} attempts: {}", key, attempts, failures);
            finish(key, "given up after " + attempts + " attempts: " + String.join("; ", failures));
        } else {
            inFlight.remove(key);
        }
    }

    private static String sourceOf(String deliveryKey) {
        int colon = deliveryKey.indexOf(':');
        return colon > 0 ? deliveryKey.substring(0, colon) : "unknown";
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String capped(String text) {
        return text.length() <= MAX_OUTCOME ? text : text.substring(0, MAX_OUTCOME - 20) + " [cut]";
    }

    /** Collects the outcomes of one delivery's events; the last one to finish marks the delivery. */
    private final class DeliveryProgress {
        private final String key;
        private final List<String> outcomes = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private int remaining;

        DeliveryProgress(String key, int events) {
            this.key = key;
            this.remaining = events;
        }

        void routed(String outcome) {
            done(outcome, null);
        }

        void failed(RuntimeException e) {
            done(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }

        /** Events that will never run in this process: the delivery stays unprocessed for the next start. */
        void abandon(int events) {
            boolean last;
            synchronized (this) {
                remaining -= events;
                failures.add("not routed: the workers were shut down");
                last = remaining == 0;
            }
            if (last) {
                inFlight.remove(key);
            }
        }

        private void done(String outcome, String failure) {
            boolean last;
            synchronized (this) {
                if (outcome != null) {
                    outcomes.add(outcome);
                }
                if (failure != null) {
                    failures.add(failure);
                }
                remaining--;
                last = remaining == 0;
            }
            if (!last) {
                return;
            }
            if (failures.isEmpty()) {
                finish(key, String.join("; ", outcomes));
            } else if (failures.stream().anyMatch(f -> f.startsWith("not routed:"))) {
                inFlight.remove(key);
            } else {
                retryLater(key, failures);
            }
        }
    }
}

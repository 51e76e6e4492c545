package dev.runbookbot.testing;

import dev.runbookbot.incident.intake.AlertEvent;
import dev.runbookbot.incident.intake.AlertIntake;
import dev.runbookbot.incident.intake.IntakeResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake {@link AlertIntake} that keeps every call in memory and answers the way the real one does: the first delivery
 * of a key is {@link IntakeResult#ACCEPTED}, a key seen before is {@link IntakeResult#DUPLICATE}, and while {@link
 * #busy(boolean)} is on every call is {@link IntakeResult#BUSY} and records nothing. {@link #failWith} makes it throw,
 * as a bug would. Thread-safe.
 */
public final class RecordingAlertIntake implements AlertIntake {
    /** One call of {@link #accept} and what it answered. */
    public record Call(List<AlertEvent> events, String rawBody, String deliveryKey, IntakeResult result) {}

    private final Set<String> recordedKeys = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean busy;
    private volatile boolean storeUnavailable;
    private volatile RuntimeException failure;
    private volatile boolean answersKnownKeys;
    private final List<String> knownAnswers = new CopyOnWriteArrayList<>();

    @Override
    public IntakeResult accept(List<AlertEvent> events, String rawBody, String deliveryKey) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        RuntimeException fail = failure;
        if (fail != null) {
            throw fail;
        }
        IntakeResult result;
        if (busy) {
            result = IntakeResult.BUSY;
        } else if (storeUnavailable) {
            result = IntakeResult.STORE_UNAVAILABLE;
        } else {
            result = recordedKeys.add(deliveryKey) ? IntakeResult.ACCEPTED : IntakeResult.DUPLICATE;
        }
        calls.add(new Call(List.copyOf(events), rawBody, deliveryKey, result));
        return result;
    }

    /**
     * While on, {@link #known} answers a key recorded before as {@link IntakeResult#DUPLICATE} (as the real intake does
     * for the keys it remembers); off (the default), it knows none and every delivery goes through {@link #accept}.
     */
    public void answerKnownKeys(boolean on) {
        answersKnownKeys = on;
    }

    @Override
    public Optional<IntakeResult> known(String deliveryKey) {
        if (!answersKnownKeys || !recordedKeys.contains(deliveryKey)) {
            return Optional.empty();
        }
        knownAnswers.add(deliveryKey);
        return Optional.of(IntakeResult.DUPLICATE);
    }

    /** The keys {@link #known} answered, one per answer. */
    public List<String> knownAnswers() {
        return List.copyOf(knownAnswers);
    }

    public void busy(boolean on) {
        busy = on;
    }

    /** While on, every call is {@link IntakeResult#STORE_UNAVAILABLE} (a full disk) and records nothing. */
    public void storeUnavailable(boolean on) {
        storeUnavailable = on;
    }

    public void failWith(RuntimeException e) {
        failure = e;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The events of every delivery answered {@link IntakeResult#ACCEPTED}, in arrival order. */
    public List<AlertEvent> acceptedEvents() {
        return calls.stream()
                .filter(c -> c.result() == IntakeResult.ACCEPTED)
                .flatMap(c -> c.events().stream())
                .toList();
    }
}

package dev.runbookbot.incident.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} delivery keys the store confirmed as recorded, least recently seen forgotten first, so the
 * re-sends of a storm are answered without waiting for the store's one writer. Thread-safe.
 */
final class RecordedKeys {
    private final Map<String, Boolean> keys;

    RecordedKeys(int capacity) {
        this.keys = new LinkedHashMap<>(1_024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String key) {
        return keys.containsKey(key);
    }

    synchronized void add(String key) {
        keys.put(key, Boolean.TRUE);
    }
}

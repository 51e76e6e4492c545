package dev.runbookbot.alert.alertmanager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's alert fingerprint, computed from the label set the way Alertmanager computes it ({@code
 * prometheus/common} {@code model.LabelSet.Fingerprint}: FNV-1a 64 over the label names in byte order, each name and
 * value followed by the separator byte {@code 0xff}, printed as 16 hex digits). Versions that do not send {@code
 * fingerprint} get the same key the newer ones send, so an upgrade of Alertmanager does not open a second incident for
 * an alert that is already open; the tests check it against fingerprints real Alertmanagers sent.
 */
public final class AlertFingerprint {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private AlertFingerprint() {}

    /** The fingerprint of {@code labels}, as 16 lower-case hex digits. */
    public static String of(Map<String, String> labels) {
        List<byte[]> names = new ArrayList<>();
        for (String name : labels.keySet()) {
            names.add(name.getBytes(StandardCharsets.UTF_8));
        }
        names.sort(Arrays::compareUnsigned);
        long hash = OFFSET_BASIS;
        for (byte[] name : names) {
            hash = add(hash, name);
            hash = addByte(hash, SEPARATOR);
            hash = add(
                    hash, labels.get(new String(name, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            hash = addByte(hash, SEPARATOR);
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME;
    }
}

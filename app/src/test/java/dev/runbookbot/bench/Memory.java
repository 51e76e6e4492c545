package dev.runbookbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and other counts of a process, from {@code /proc/PID/status} (Linux). */
final class Memory {
    private Memory() {}

    /** VmRSS in MB, or NaN when the process is gone. */
    static double rssMb(long pid) {
        return field(pid, "VmRSS:");
    }

    /** A field given in kB (VmRSS:, VmHWM:), in MB; NaN when the process is gone. */
    static double field(long pid, String name) {
        return number(pid, name) / 1024.0;
    }

    /** The first number of the field {@code name} ({@code Threads:}, {@code VmRSS:} in kB); NaN when absent. */
    static double number(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

package dev.runbookbot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a running JVM holds, read from outside as an operator would: threads and open files from {@code /proc/PID}
 * (Linux), the live heap by class through {@code jcmd PID GC.class_histogram} (which runs a full collection first, so
 * its total is the heap that survives a GC), and native memory through {@code jcmd PID VM.native_memory} when the JVM
 * was started with {@code -XX:NativeMemoryTracking=summary}. For benchmarks that look for something that grows.
 */
final class JvmProbe {
    private final long pid;

    JvmProbe(long pid) {
        this.pid = pid;
    }

    /** The process's thread count (its {@code Threads:} line); NaN when it is gone. */
    double threads() {
        return Memory.number(pid, "Threads:");
    }

    /** How many file descriptors the process holds open; -1 when they cannot be listed. */
    long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The live objects by class after a full collection. */
    Histogram histogram() throws IOException, InterruptedException {
        return Histogram.parse(jcmd("GC.class_histogram"));
    }

    /** {@code jcmd PID VM.native_memory <what>} (e.g. {@code baseline}, {@code summary.diff}); its output. */
    String nativeMemory(String what) throws IOException, InterruptedException {
        return jcmd("VM.native_memory", what);
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("java.home"));
        Path jcmd = home.resolve("bin/jcmd");
        List<String> argv = new ArrayList<>();
        argv.add(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd");
        argv.add(Long.toString(pid));
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", command) + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A class histogram: instances and bytes by class name, and the total bytes. */
    record Histogram(Map<String, long[]> byClass, long totalBytes) {
        static Histogram parse(String jcmdOutput) {
            Map<String, long[]> byClass = new HashMap<>();
            long total = 0;
            for (String line : jcmdOutput.split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 3 && parts[0].equals("Total")) {
                    total = Long.parseLong(parts[2]);
                } else if (parts.length >= 4 && parts[0].endsWith(":")) {
                    byClass.merge(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])}, (a, b) ->
                            new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            return new Histogram(byClass, total);
        }

        double totalMb() {
            return totalBytes / (1024.0 * 1024.0);
        }

        /** The {@code top} classes whose bytes grew most since {@code earlier}, one line each. */
        List<String> largestGrowthSince(Histogram earlier, int top) {
            return byClass.entrySet().stream()
                    .map(e -> {
                        long[] before = earlier.byClass().getOrDefault(e.getKey(), new long[2]);
                        return Map.entry(
                                e.getKey(), new long[] {e.getValue()[0] - before[0], e.getValue()[1] - before[1]});
                    })
                    .filter(e -> e.getValue()[1] > 0)
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1])
                            .reversed())
                    .limit(top)
                    .map(e -> String.format(
                            Locale.ROOT, "%+,d B %+,d instances %s", e.getValue()[1], e.getValue()[0], e.getKey()))
                    .toList();
        }
    }
}

package dev.runbookbot.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The largest resident size the Java process of a launched {@code runbookctl} reached, sampled every 20 ms (its
 * {@code VmHWM}, the kernel's own high-water mark, is read at each sample too, so short peaks are not missed).
 */
final class PeakRss {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private volatile double peak = Double.NaN;

    private PeakRss(Process process) {
        sampler = new Thread(
                () -> {
                    while (running.get() && process.isAlive()) {
                        process.descendants()
                                .filter(p -> p.info()
                                        .command()
                                        .map(c -> c.endsWith("/java"))
                                        .orElse(false))
                                .findFirst()
                                .or(() -> java.util.Optional.of(process.toHandle()))
                                .ifPresent(p -> {
                                    double hwm = Memory.field(p.pid(), "VmHWM:");
                                    if (!Double.isNaN(hwm) && (Double.isNaN(peak) || hwm > peak)) {
                                        peak = hwm;
                                    }
                                });
                        LockSupport.parkNanos(20_000_000L); // the sampling period of a measurement, not a wait
                    }
                },
                "peak-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    static PeakRss watch(Process process) {
        return new PeakRss(process);
    }

    double stop() throws InterruptedException {
        running.set(false);
        sampler.join();
        return peak;
    }
}

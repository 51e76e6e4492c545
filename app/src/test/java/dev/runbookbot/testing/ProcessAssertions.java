package dev.runbookbot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Checks on operating-system processes, for tests that must prove a process tree is gone. */
public final class ProcessAssertions {
    private ProcessAssertions() {}

    /**
     * True while {@code pid} runs. A zombie has exited (only its parent has not collected the status yet; orphans wait
     * for init, which in some containers takes seconds), so it does not count as running.
     */
    public static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return !Files.isDirectory(Path.of("/proc")); // no /proc: trust ProcessHandle
        }
    }

    /** Fails unless every pid has stopped running within a generous deadline (polled, never slept on). */
    public static void assertAllDead(List<Long> pids) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Long> running = pids;
        while (System.nanoTime() - deadline < 0) {
            running = pids.stream().filter(ProcessAssertions::isRunning).toList();
            if (running.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        fail("still running: " + running);
    }
}

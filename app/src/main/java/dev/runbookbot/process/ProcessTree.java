package dev.runbookbot.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds and kills every process that belongs to one run.
 *
 * <p>The members of a run are its root process, the root's descendants ({@link ProcessHandle#descendants()}, taken
 * before anything is signalled, because children of a dead parent are re-parented and vanish from the walk) and, on
 * Linux, every process in a session that the root or a descendant leads. The session part is what reaches a
 * double-forked grandchild that was re-parented to init: the runner starts the root through {@code setsid}, so the
 * root leads a session of its own, and a process cannot leave a session except by creating another one. A process
 * that starts a new session <em>and</em> detaches from the tree before the kill escapes; only a cgroup could hold it.
 *
 * <p>The JVM's own session is never swept, nor the JVM and its ancestors signalled. A session member must have started
 * no earlier than the root, so a recycled session id cannot point at a stranger. Killing sends SIGTERM
 * ({@link ProcessHandle#destroy()}) to every member, waits out the grace period, then sends SIGKILL
 * ({@link ProcessHandle#destroyForcibly()}) to what is left and to anything forked meanwhile, for a few rounds.
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final int FORCE_ROUNDS = 4;
    private static final Duration MIN_FORCE_WAIT = Duration.ofMillis(200);

    private final ProcessHandle root;
    private final Optional<Instant> rootStart;
    private final boolean rootLeadsSession;
    private final Set<Long> untouchable;
    private final OptionalLong ownSession;

    ProcessTree(ProcessHandle root, boolean rootLeadsSession) {
        this.root = root;
        this.rootStart = root.info().startInstant();
        this.rootLeadsSession = rootLeadsSession;
        Set<Long> protectedPids = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
                p.isPresent();
                p = p.get().parent()) {
            protectedPids.add(p.get().pid());
        }
        this.untouchable = Set.copyOf(protectedPids);
        this.ownSession = session(ProcessHandle.current().pid());
    }

    /** Kills the root and everything that belongs to it: SIGTERM, {@code grace}, then SIGKILL. */
    KillReport killAll(Duration grace) {
        return kill(members(true), grace);
    }

    /**
     * Kills what the root left behind after it exited by itself: processes still in its session. Without a session of
     * its own (no {@code setsid}) the runner cannot tell leftovers from strangers and kills nothing.
     */
    KillReport killLeftovers(Duration grace) {
        if (!rootLeadsSession) {
            return KillReport.none();
        }
        return kill(members(false), grace);
    }

    private KillReport kill(Map<Long, ProcessHandle> first, Duration grace) {
        boolean interrupted = Thread.interrupted(); // finish the cleanup, then restore the flag
        try {
            Map<Long, ProcessHandle> signalled = new LinkedHashMap<>();
            for (ProcessHandle p : first.values()) {
                if (running(p) && p.destroy()) {
                    signalled.put(p.pid(), p);
                }
            }
            awaitExit(signalled.values(), grace);
            Duration forceWait = grace.compareTo(MIN_FORCE_WAIT) < 0 ? MIN_FORCE_WAIT : grace;
            for (int round = 0; round < FORCE_ROUNDS; round++) {
                Map<Long, ProcessHandle> alive = new LinkedHashMap<>();
                signalled.values().stream().filter(ProcessTree::running).forEach(p -> alive.put(p.pid(), p));
                members(true).values().stream().filter(ProcessTree::running).forEach(p -> alive.put(p.pid(), p));
                if (alive.isEmpty()) {
                    break;
                }
                alive.values().forEach(ProcessHandle::destroyForcibly);
                alive.forEach(signalled::putIfAbsent);
                awaitExit(alive.values(), forceWait);
            }
            List<Long> survivors = signalled.values().stream()
                    .filter(ProcessTree::running)
                    .map(ProcessHandle::pid)
                    .toList();
            return new KillReport(signalled.size(), survivors);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The live members of the run, by pid; with {@code includeRoot} false the root itself is left out. */
    private Map<Long, ProcessHandle> members(boolean includeRoot) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        if (includeRoot && running(root)) {
            members.put(root.pid(), root);
        }
        root.descendants().filter(ProcessTree::running).forEach(p -> members.put(p.pid(), p));
        Set<Long> sessions = new HashSet<>();
        if (rootLeadsSession) {
            sessions.add(root.pid());
        }
        for (long pid : List.copyOf(members.keySet())) {
            session(pid).ifPresent(sessions::add);
        }
        ownSession.ifPresent(sessions::remove);
        sessions.removeIf(sid -> sid <= 1);
        if (!sessions.isEmpty()) {
            for (long pid : pidsInSessions(sessions)) {
                if (pid != root.pid() || includeRoot) {
                    ProcessHandle.of(pid)
                            .filter(ProcessTree::running)
                            .filter(this::startedWithRoot)
                            .ifPresent(p -> members.putIfAbsent(pid, p));
                }
            }
        }
        untouchable.forEach(members::remove);
        if (!includeRoot) {
            members.remove(root.pid());
        }
        return members;
    }

    private boolean startedWithRoot(ProcessHandle candidate) {
        if (rootStart.isEmpty()) {
            return true;
        }
        return candidate
                .info()
                .startInstant()
                .map(s -> !s.isBefore(rootStart.get()))
                .orElse(false);
    }

    private static void awaitExit(Iterable<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> pending = new ArrayList<>();
        processes.forEach(pending::add);
        while (true) {
            pending.removeIf(p -> !running(p));
            if (pending.isEmpty() || System.nanoTime() - deadline >= 0) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static List<Long> pidsInSessions(Set<Long> sessions) {
        List<Long> pids = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return pids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid;
                try {
                    pid = Long.parseLong(entry.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                OptionalLong sid = session(pid);
                if (sid.isPresent() && sessions.contains(sid.getAsLong())) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: the descendant walk is all we have
        }
        return pids;
    }

    /**
     * True while {@code process} runs. A zombie does not: it has exited and only waits for its parent to collect the
     * status, which for an orphan is init's job (and some container inits are slow at it), yet
     * {@link ProcessHandle#isAlive()} still reports it alive.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        char state = state(process.pid());
        return state != 'Z' && state != 'X';
    }

    /** The state letter of {@code pid} from {@code /proc/<pid>/stat}, or {@code '?'} when unknown. */
    private static char state(long pid) {
        String[] fields = statFields(pid);
        return fields.length > 0 && !fields[0].isEmpty() ? fields[0].charAt(0) : '?';
    }

    /** The session id of {@code pid} from {@code /proc/<pid>/stat}; empty off Linux or when the process is gone. */
    static OptionalLong session(long pid) {
        String[] fields = statFields(pid);
        try {
            return fields.length > 3 ? OptionalLong.of(Long.parseLong(fields[3])) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state, ppid, pgrp, session, ... */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            return close < 0 || close + 2 > stat.length()
                    ? new String[0]
                    : stat.substring(close + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}

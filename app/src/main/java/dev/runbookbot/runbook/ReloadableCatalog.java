package dev.runbookbot.runbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog of a runbook directory that changes while the bot runs. Each {@link #replace} takes the files as loaded
 * and linted together and swaps in a new {@link CatalogSnapshot} at once: a file without errors is served as it is now;
 * a file with errors is refused and keeps serving the last valid version loaded from it (or nothing, when it never
 * loaded cleanly), so one broken edit never takes a runbook away, and never stops the bot. Every version served since
 * start stays reachable through {@link #version}, so an incident keeps the version it opened with. Thread-safe: readers
 * see one snapshot or the next, never a mix.
 */
public final class ReloadableCatalog implements Catalog {
    private record State(CatalogSnapshot snapshot, List<RefusedRunbook> refused) {}

    private volatile State state = new State(CatalogSnapshot.of(List.of()), List.of());
    private final Map<String, RunbookSpec> served = new ConcurrentHashMap<>();
    /** Refused file versions already announced, as {@code file@version}. */
    private final Set<String> announced = new HashSet<>();

    /**
     * Serves the runbooks of {@code files}, given {@code problems} found loading and linting them as one catalog.
     *
     * @return what changed, and which refused files are new
     */
    public synchronized CatalogReload replace(List<LoadedRunbook> files, List<Problem> problems) {
        Map<Path, List<Problem>> errors = new TreeMap<>();
        for (Problem problem : problems) {
            if (problem.isError()) {
                errors.computeIfAbsent(problem.location().file(), f -> new ArrayList<>())
                        .add(problem);
            }
        }
        errors.values().forEach(list -> list.sort(Problem.BY_POSITION));
        State before = state;
        Map<Path, RunbookSpec> previousByFile = new LinkedHashMap<>();
        for (RunbookSpec runbook : before.snapshot().all()) {
            previousByFile.put(runbook.source(), runbook);
        }
        List<RunbookSpec> fresh = new ArrayList<>();
        List<RefusedRunbook> refused = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (LoadedRunbook file : files) {
            seen.add(file.file());
            List<Problem> wrong = errors.getOrDefault(file.file(), List.of());
            if (wrong.isEmpty()) {
                file.draft().ifPresent(fresh::add);
            } else {
                refused.add(new RefusedRunbook(
                        file.file(), file.version(), wrong, Optional.ofNullable(previousByFile.get(file.file()))));
            }
        }
        errors.forEach((file, wrong) -> {
            if (!seen.contains(file)) {
                refused.add(new RefusedRunbook(file, "", wrong, Optional.ofNullable(previousByFile.get(file))));
            }
        });
        refused.sort(java.util.Comparator.comparing(r -> r.file().toString()));
        List<RunbookSpec> next = new ArrayList<>(fresh);
        Set<String> taken = new HashSet<>();
        fresh.forEach(r -> names(r, taken));
        for (RefusedRunbook r : refused) {
            r.stillServed()
                    .filter(old -> names(old, new HashSet<>()).stream().noneMatch(taken::contains))
                    .ifPresent(old -> {
                        next.add(old);
                        names(old, taken);
                    });
        }
        CatalogSnapshot snapshot = CatalogSnapshot.of(next);
        snapshot.all().forEach(r -> served.put(key(r.id(), r.version()), r));
        List<RefusedRunbook> newlyRefused = new ArrayList<>();
        for (RefusedRunbook r : refused) {
            if (announced.add(r.file() + "@" + r.version())) {
                newlyRefused.add(r);
            }
        }
        state = new State(snapshot, List.copyOf(refused));
        return changes(before.snapshot(), snapshot, refused, newlyRefused);
    }

    private static Set<String> names(RunbookSpec runbook, Set<String> into) {
        into.add(runbook.id());
        into.addAll(runbook.aliases());
        return into;
    }

    private static CatalogReload changes(
            CatalogSnapshot before,
            CatalogSnapshot after,
            List<RefusedRunbook> refused,
            List<RefusedRunbook> newlyRefused) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (RunbookSpec now : after.all()) {
            Optional<RunbookSpec> then = before.byId(now.id()).filter(r -> r.id().equals(now.id()));
            if (then.isEmpty()) {
                added.add(now.id());
            } else if (!then.get().version().equals(now.version())) {
                changed.add(now.id());
            }
        }
        for (RunbookSpec then : before.all()) {
            if (after.byId(then.id()).filter(r -> r.id().equals(then.id())).isEmpty()) {
                removed.add(then.id());
            }
        }
        return new CatalogReload(added, changed, removed, refused, newlyRefused, Optional.empty());
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }

    private CatalogSnapshot now() {
        return state.snapshot();
    }

    @Override
    public List<RunbookSpec> all() {
        return now().all();
    }

    @Override
    public Optional<RunbookSpec> byId(String idOrAlias) {
        return now().byId(idOrAlias);
    }

    @Override
    public Optional<RunbookSpec> version(String id, String version) {
        return Optional.ofNullable(served.get(key(id, version)));
    }

    @Override
    public List<String> suggestIds(String unknown) {
        return now().suggestIds(unknown);
    }

    @Override
    public Optional<RunbookSpec> forAlert(String alertName, Map<String, String> labels) {
        return now().forAlert(alertName, labels);
    }

    @Override
    public Optional<RunbookSpec> forPagerDuty(String serviceId, String serviceName, Map<String, String> labels) {
        return now().forPagerDuty(serviceId, serviceName, labels);
    }

    @Override
    public List<RunbookSpec> forSymptom(String service, String symptom) {
        return now().forSymptom(service, symptom);
    }

    @Override
    public List<RefusedRunbook> refused() {
        return state.refused();
    }
}

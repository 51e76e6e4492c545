package dev.runbookbot.runbooktest;

import dev.runbookbot.diagnose.recorded.Recording;
import dev.runbookbot.diagnose.recorded.RecordingException;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.load.YamlLimits;
import dev.runbookbot.runbook.load.YamlNode;
import dev.runbookbot.runbook.load.YamlNode.YamlMap;
import dev.runbookbot.runbook.load.YamlNode.YamlScalar;
import dev.runbookbot.runbook.load.YamlTree;
import dev.runbookbot.runbook.load.YamlTreeReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a runbook test file ({@code runbooks/tests/<id>.test.yaml}) with the safe YAML reader the runbooks use:
 *
 * <pre>
 * runbook: payments-slow
 * cases:
 *   - name: the pool is exhausted
 *     alert: {labels: {alertname: PaymentsDbConnectionsHigh, datname: payments}}   # optional
 *     params: {namespace: production}                                               # optional
 *     results:                       # or: fixture: ../fixtures/payments-db-exhausted.yaml
 *       check_db_connections: {facts: {value: 95.0}}
 *     expect:
 *       runbook: payments-slow       # the runbook the alert starts
 *       steps: {check_db_connections: critical}
 *       severity: critical
 *       decisions: [1]               # numbered from 1, as the reports print them
 *       plan: [kill_idle_connections, scale_db_connections]
 *       handoff: db-pool-exhaustion   # the runbook the plan hands the incident off to
 * </pre>
 *
 * Every problem is reported at once with its {@code file:line:col}; unknown keys get the closest known one.
 * Thread-safe.
 */
public final class TestFileReader {
    private static final Set<String> FILE_KEYS = Set.of("runbook", "cases");
    private static final Set<String> CASE_KEYS =
            Set.of("name", "now", "alert", "params", "results", "fixture", "expect");
    private static final Set<String> ALERT_KEYS = Set.of("labels", "annotations");
    private static final Set<String> EXPECT_KEYS =
            Set.of("runbook", "severity", "steps", "decisions", "plan", "handoff");
    private static final Set<String> SEVERITIES = Set.of("healthy", "warning", "critical", "unknown");
    private static final Set<String> STATUSES = Set.of("healthy", "warning", "critical", "unknown", "error", "skipped");
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private final YamlTreeReader yaml = new YamlTreeReader(YamlLimits.defaults());

    /** The file, or every problem in it. */
    public sealed interface Result {
        /** A file without problems. */
        record Read(RunbookTestFile file) implements Result {}

        /** A file that cannot be used. */
        record Broken(List<Problem> problems) implements Result {
            public Broken {
                problems = List.copyOf(problems);
            }
        }
    }

    public Result read(Path file) {
        String content;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return broken(SourceLocation.unknown(file), "the file is larger than " + MAX_BYTES + " bytes");
            }
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return broken(SourceLocation.unknown(file), "no such file");
        } catch (IOException e) {
            return broken(SourceLocation.unknown(file), "cannot read the file: " + e.getMessage());
        }
        YamlTree tree = yaml.read(file, content);
        if (!tree.problems().isEmpty() || tree.root().isEmpty()) {
            return new Result.Broken(tree.problems());
        }
        Reading reading = new Reading(file);
        Optional<RunbookTestFile> read = reading.file(tree.root().get());
        return reading.problems.isEmpty() && read.isPresent()
                ? new Result.Read(read.get())
                : new Result.Broken(reading.problems);
    }

    private static Result broken(SourceLocation where, String message) {
        return new Result.Broken(List.of(Problem.error(where, message)));
    }

    /** The reading of one file, collecting its problems. */
    private static final class Reading {
        private final Path file;
        private final List<Problem> problems = new ArrayList<>();
        private final TestFileNodes nodes = new TestFileNodes(problems);

        Reading(Path file) {
            this.file = file;
        }

        Optional<RunbookTestFile> file(YamlNode root) {
            Optional<YamlMap> map = nodes.map(root, "the test file", "a mapping with 'runbook' and 'cases'");
            if (map.isEmpty()) {
                return Optional.empty();
            }
            nodes.unknownKeys(map.get(), FILE_KEYS, "a test file");
            Optional<YamlNode> runbook = nodes.required(map.get(), "runbook", "the test file");
            Optional<String> runbookId = runbook.flatMap(n -> nodes.text(n, "runbook"));
            Optional<YamlNode> cases = nodes.required(map.get(), "cases", "the test file");
            List<TestCase> read = new ArrayList<>();
            cases.flatMap(n -> nodes.list(n, "cases")).ifPresent(list -> {
                if (list.items().isEmpty()) {
                    problems.add(Problem.error(list.location(), "cases: the list is empty; write at least one case"));
                }
                Map<String, SourceLocation> names = new HashMap<>();
                for (int i = 0; i < list.items().size(); i++) {
                    testCase(list.items().get(i), "cases[" + i + "]", names).ifPresent(read::add);
                }
            });
            if (runbookId.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    new RunbookTestFile(file, runbookId.get(), runbook.get().location(), read));
        }

        private Optional<TestCase> testCase(YamlNode node, String path, Map<String, SourceLocation> names) {
            Optional<YamlMap> map = nodes.map(node, path, "a mapping with name, results (or fixture) and expect");
            if (map.isEmpty()) {
                return Optional.empty();
            }
            int before = problems.size();
            nodes.unknownKeys(map.get(), CASE_KEYS, "a case");
            Optional<String> name = nodes.required(map.get(), "name", path).flatMap(n -> nodes.text(n, path + ".name"));
            name.ifPresent(n -> {
                SourceLocation first = names.putIfAbsent(n, map.get().location());
                if (first != null) {
                    problems.add(Problem.error(
                            map.get().entries().get("name").value().location(),
                            path + ".name: another case is already named '" + n + "' (line " + first.line() + ")",
                            "give each case its own name, so a failure says which one"));
                }
            });
            Map<String, String> labels = Map.of();
            Map<String, String> annotations = Map.of();
            Optional<YamlNode> alert = nodes.value(map.get(), "alert");
            if (alert.isPresent()) {
                Optional<YamlMap> alertMap =
                        nodes.map(alert.get(), path + ".alert", "a mapping with labels and annotations");
                if (alertMap.isPresent()) {
                    nodes.unknownKeys(alertMap.get(), ALERT_KEYS, "an alert");
                    labels = nodes.value(alertMap.get(), "labels")
                            .map(n -> nodes.texts(n, path + ".alert.labels"))
                            .orElse(Map.of());
                    annotations = nodes.value(alertMap.get(), "annotations")
                            .map(n -> nodes.texts(n, path + ".alert.annotations"))
                            .orElse(Map.of());
                }
            }
            Map<String, String> params = nodes.value(map.get(), "params")
                    .map(n -> nodes.texts(n, path + ".params"))
                    .orElse(Map.of());
            Optional<Instant> now = Optional.empty();
            Optional<YamlNode> nowNode = nodes.value(map.get(), "now");
            if (nowNode.isPresent()) {
                now = nodes.text(nowNode.get(), path + ".now").flatMap(t -> instant(t, nowNode.get(), path + ".now"));
            }
            Optional<Recording> results = results(map.get(), path);
            boolean hasAlert = !labels.isEmpty();
            Optional<CaseExpectation> expect =
                    nodes.required(map.get(), "expect", path).flatMap(n -> expectation(n, path + ".expect", hasAlert));
            if (problems.size() != before || name.isEmpty() || results.isEmpty() || expect.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TestCase(
                    name.get(), map.get().location(), labels, annotations, params, results.get(), expect.get(), now));
        }

        private Optional<Instant> instant(String text, YamlNode node, String path) {
            try {
                return Optional.of(Instant.parse(text.trim()));
            } catch (DateTimeParseException e) {
                problems.add(Problem.error(
                        node.location(),
                        path + ": '" + text + "' is not an RFC 3339 time",
                        "write it in UTC with seconds, e.g. now: 2026-01-01T09:30:00Z"));
                return Optional.empty();
            }
        }

        private Optional<Recording> results(YamlMap map, String path) {
            Optional<YamlNode> inline = nodes.value(map, "results");
            Optional<YamlNode> fixture = nodes.value(map, "fixture");
            if (inline.isPresent() == fixture.isPresent()) {
                problems.add(Problem.error(
                        map.location(),
                        path
                                + (inline.isPresent()
                                        ? ": has both 'results' and 'fixture'"
                                        : ": needs the recorded result of each step"),
                        "write 'results:' (step id -> facts or error, as in runbooks/fixtures/) or 'fixture: FILE'"));
                return Optional.empty();
            }
            if (inline.isPresent()) {
                try {
                    return Optional.of(Recording.parse(file, YamlJson.of(inline.get())));
                } catch (RecordingException e) {
                    for (String problem : e.problems()) {
                        problems.add(Problem.error(inline.get().location(), path + ".results." + problem));
                    }
                    return Optional.empty();
                }
            }
            Optional<String> named = nodes.text(fixture.get(), path + ".fixture");
            if (named.isEmpty()) {
                return Optional.empty();
            }
            Path resolved =
                    file.toAbsolutePath().getParent().resolve(named.get()).normalize();
            try {
                return Optional.of(Recording.read(resolved));
            } catch (RecordingException e) {
                problems.add(Problem.error(
                        fixture.get().location(),
                        path + ".fixture: " + named.get() + ": " + String.join("; ", e.problems())));
                return Optional.empty();
            }
        }

        private Optional<CaseExpectation> expectation(YamlNode node, String path, boolean hasAlert) {
            Optional<YamlMap> map =
                    nodes.map(node, path, "a mapping with severity, steps, decisions, plan, runbook or handoff");
            if (map.isEmpty()) {
                return Optional.empty();
            }
            nodes.unknownKeys(map.get(), EXPECT_KEYS, "an expectation");
            if (map.get().entries().isEmpty()) {
                problems.add(Problem.error(
                        map.get().location(),
                        path + ": expects nothing",
                        "name at least one of severity, steps, decisions, plan, runbook, handoff"));
            }
            Map<String, SourceLocation> locations = new HashMap<>();
            map.get().entries().forEach((k, e) -> locations.put(k, e.value().location()));
            Optional<String> runbook = nodes.value(map.get(), "runbook").flatMap(n -> nodes.text(n, path + ".runbook"));
            if (runbook.isPresent() && !hasAlert) {
                problems.add(Problem.error(
                        locations.get("runbook"),
                        path + ".runbook: says which runbook the alert starts, but the case has no alert labels",
                        "add alert: {labels: {alertname: ...}} to the case"));
            }
            Optional<String> severity = nodes.value(map.get(), "severity")
                    .flatMap(n -> nodes.text(n, path + ".severity"))
                    .filter(s -> nodes.oneOf(s, SEVERITIES, locations.get("severity"), path + ".severity"));
            Map<String, String> steps = nodes.value(map.get(), "steps")
                    .map(n -> nodes.texts(n, path + ".steps"))
                    .orElse(Map.of());
            YamlNode stepsNode = nodes.value(map.get(), "steps").orElse(null);
            steps.forEach((id, status) -> {
                if (stepsNode instanceof YamlMap m) {
                    nodes.oneOf(status, STATUSES, m.entries().get(id).value().location(), path + ".steps." + id);
                }
            });
            Optional<List<Integer>> decisions =
                    nodes.value(map.get(), "decisions").flatMap(n -> numbers(n, path));
            Optional<List<String>> plan = nodes.value(map.get(), "plan")
                    .flatMap(n -> nodes.list(n, path + ".plan"))
                    .map(list -> {
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < list.items().size(); i++) {
                            nodes.text(list.items().get(i), path + ".plan[" + i + "]")
                                    .ifPresent(ids::add);
                        }
                        return ids;
                    });
            Optional<String> handOff = nodes.value(map.get(), "handoff").flatMap(n -> nodes.text(n, path + ".handoff"));
            return Optional.of(new CaseExpectation(runbook, severity, steps, decisions, plan, handOff, locations));
        }

        private Optional<List<Integer>> numbers(YamlNode node, String path) {
            return nodes.list(node, path + ".decisions").map(list -> {
                List<Integer> numbers = new ArrayList<>();
                for (int i = 0; i < list.items().size(); i++) {
                    YamlNode item = list.items().get(i);
                    if (item instanceof YamlScalar s && s.value() instanceof Long n && n >= 1 && n < 10_000) {
                        numbers.add(n.intValue());
                    } else {
                        problems.add(Problem.error(
                                item.location(),
                                path + ".decisions[" + i + "]: must be a decision number (1 is the first entry of"
                                        + " decisionTree), not " + nodes.describe(item)));
                    }
                }
                return numbers;
            });
        }
    }
}

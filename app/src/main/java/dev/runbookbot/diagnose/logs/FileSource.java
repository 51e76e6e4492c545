package dev.runbookbot.diagnose.logs;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches local log files: every regular file matching the glob, for lines the pattern finds.
 *
 * <p>Only the tail of each file is read ({@value #TAIL_BYTES} bytes; a longer file sets {@code partial}), so a huge
 * log cannot stall the step. The window is applied per line when the line starts with an ISO-8601 timestamp
 * ({@code 2026-11-23T10:00:00Z}, {@code 2026-11-23 10:00:00,123}; without an offset it is read in the clock's zone):
 * older lines are skipped. Lines without a parseable timestamp cannot be placed in time, so they count whenever their
 * file was modified within the window, and a file not modified within the window is skipped entirely. At most
 * {@value #MAX_FILES} files, newest first, are read. A glob that matches no file is a
 * {@link FailureKind#CONFIGURATION} failure, never a silent "no matches". Runs on the calling thread and checks the
 * deadline and interrupts between lines.
 */
final class FileSource {
    static final long TAIL_BYTES = 8L * 1024 * 1024;
    static final int MAX_FILES = 100;
    private static final Pattern LEADING_TIMESTAMP = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?)(Z|[+-]\\d{2}:?\\d{2})?");

    private final Clock clock;

    FileSource(Clock clock) {
        this.clock = clock;
    }

    private record Match(Instant when, String line, String file) {}

    Outcome search(LogSearchConfig.File config, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Instant now = clock.instant();
        Instant windowStart = now.minus(config.since());
        List<Path> files;
        try {
            files = matchingFiles(config.glob());
        } catch (IOException e) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION, "cannot list files for " + config.glob() + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION,
                    "no file matches " + config.glob() + "; check the path (a typo would"
                            + " otherwise read as \"no errors\")");
        }
        boolean partial = files.size() > MAX_FILES;
        List<String> notes = new ArrayList<>();
        if (partial) {
            notes.add(files.size() + " files match; only the " + MAX_FILES + " most recently modified were read");
        }
        List<Match> matches = new ArrayList<>();
        long count = 0;
        long filesWithMatches = 0;
        int unreadable = 0;
        for (Path file : files.subList(0, Math.min(MAX_FILES, files.size()))) {
            Instant modified;
            try {
                modified = Files.getLastModifiedTime(file).toInstant();
            } catch (IOException e) {
                unreadable++;
                notes.add("cannot read " + file + ": " + e.getMessage());
                continue;
            }
            if (modified.isBefore(windowStart)) {
                continue; // nothing was written to it within the window
            }
            FileScan scan;
            try {
                scan = scan(file, config, windowStart, modified, deadline);
            } catch (IOException e) {
                unreadable++;
                notes.add("cannot read " + file + ": " + e.getMessage());
                continue;
            } catch (Stopped e) {
                return e.outcome;
            }
            partial |= scan.partial;
            count += scan.count;
            if (scan.count > 0) {
                filesWithMatches++;
            }
            matches.addAll(scan.newest);
        }
        if (unreadable == Math.min(MAX_FILES, files.size())) {
            return Outcome.failed(
                    FailureKind.CONFIGURATION,
                    "none of the files matching " + config.glob() + " could be read: " + String.join("; ", notes));
        }
        partial |= unreadable > 0;
        matches.sort(Comparator.comparing(Match::when).reversed());
        List<String> lines = new ArrayList<>();
        List<String> details = new ArrayList<>(notes);
        for (int i = 0; i < matches.size() && i < config.limit(); i++) {
            Match m = matches.get(i);
            lines.add(m.line());
            details.add(m.file() + ": " + m.line());
        }
        return LogFacts.observe(
                new LogMatches("file", "streams", count, count, lines, filesWithMatches, false, partial, details),
                config.since());
    }

    private static List<Path> matchingFiles(String glob) throws IOException {
        Path base = Path.of(LogSearchConfig.globBase(glob));
        if (!Files.isDirectory(base)) {
            return Files.isRegularFile(base) && base.toString().equals(glob) ? List.of(base) : List.of();
        }
        PathMatcher matcher = base.getFileSystem().getPathMatcher("glob:" + glob);
        int depth = glob.contains("**")
                ? 16
                : (int) glob.substring(base.toString().length())
                        .chars()
                        .filter(c -> c == '/')
                        .count();
        try (Stream<Path> walk = Files.walk(base, Math.max(1, depth))) {
            return walk.filter(p -> matcher.matches(p) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(FileSource::modifiedOrEpoch).reversed())
                    .toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Instant modifiedOrEpoch(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static final class FileScan {
        long count;
        boolean partial;
        final java.util.ArrayDeque<Match> newest = new java.util.ArrayDeque<>();
    }

    /** A deadline or interrupt stopped the scan; {@code outcome} says which. */
    private static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Outcome outcome;

        Stopped(Outcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }
    }

    private FileScan scan(Path file, LogSearchConfig.File config, Instant windowStart, Instant modified, long deadline)
            throws IOException, Stopped {
        FileScan scan = new FileScan();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = Math.max(0, size - TAIL_BYTES);
            channel.position(from);
            scan.partial = from > 0;
            BufferedReader reader = new BufferedReader(new InputStreamReader(
                    Channels.newInputStream(channel),
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)));
            if (from > 0) {
                reader.readLine(); // the first line is cut; it belongs to the part not read
            }
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (++lineNumber % 1024 == 0) {
                    checkContinue(deadline, file);
                }
                Optional<Instant> when = timestamp(line);
                if (when.isPresent() && when.get().isBefore(windowStart)) {
                    continue;
                }
                if (!config.pattern().matcher(line).find()) {
                    continue;
                }
                scan.count++;
                scan.newest.addLast(new Match(when.orElse(modified), LogFacts.clean(line), file.toString()));
                if (scan.newest.size() > config.limit()) {
                    scan.newest.removeFirst();
                }
            }
        }
        return scan;
    }

    private static void checkContinue(long deadline, Path file) throws Stopped {
        if (Thread.currentThread().isInterrupted()) {
            throw new Stopped(Outcome.failed(FailureKind.CANCELLED, "log_search was cancelled while reading " + file));
        }
        if (System.nanoTime() - deadline > 0) {
            throw new Stopped(Outcome.failed(
                    FailureKind.TIMEOUT, "log_search did not finish reading " + file + " within the step's timeout"));
        }
    }

    /** The ISO-8601 timestamp a line starts with, if any. */
    Optional<Instant> timestamp(String line) {
        Matcher m = LEADING_TIMESTAMP.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        String text = m.group(1) + "T" + m.group(2).replace(',', '.');
        try {
            if (m.group(3) == null) {
                return Optional.of(
                        LocalDateTime.parse(text).atZone(clock.getZone()).toInstant());
            }
            String offset = m.group(3).equals("Z") ? "Z" : m.group(3).replaceFirst("^([+-]\\d{2})(\\d{2})$", "$1:$2");
            return Optional.of(OffsetDateTime.parse(text + offset).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

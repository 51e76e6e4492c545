package dev.runbookbot.process;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the file {@code argv[0]} names, the way {@code execvp} would but against the configured {@code PATH} instead of
 * the JVM's. A name with a slash is a path (relative ones are taken from the working directory); a bare name is looked
 * up in each {@code PATH} directory in order. Only regular executable files count.
 */
final class ExecutableLookup {
    private final String searchPath;
    private final Path workingDirectory;

    ExecutableLookup(String searchPath, Path workingDirectory) {
        this.searchPath = searchPath;
        this.workingDirectory = workingDirectory;
    }

    Optional<Path> find(String program) {
        try {
            if (program.indexOf('/') >= 0) {
                return executable(workingDirectory.resolve(program));
            }
            for (String dir : searchPath.split(":", -1)) {
                if (dir.isEmpty()) {
                    continue; // an empty entry would mean the working directory: never search it implicitly
                }
                Optional<Path> found = executable(Path.of(dir).resolve(program));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    String describeMissing(String program) {
        if (program.indexOf('/') >= 0) {
            return "'" + program + "' is not an executable file";
        }
        return "no executable '" + program + "' in PATH " + searchPath;
    }

    private static Optional<Path> executable(Path candidate) {
        Path absolute = candidate.toAbsolutePath();
        return Files.isRegularFile(absolute) && Files.isExecutable(absolute) ? Optional.of(absolute) : Optional.empty();
    }
}

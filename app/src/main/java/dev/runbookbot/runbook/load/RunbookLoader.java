package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.SourceMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads runbook files (YAML, UTF-8) into {@link LoadedRunbook}s: limits first, then {@link YamlTreeReader}, then the
 * mapping onto the records. Every problem found on the way is kept, with file, line and column; loading never throws
 * for bad input. A runbook's version is the first 12 hex digits of the SHA-256 of the file's bytes. Thread-safe.
 */
public final class RunbookLoader {
    private final YamlLimits limits;
    private final YamlTreeReader reader;

    public RunbookLoader(YamlLimits limits) {
        this.limits = limits;
        this.reader = new YamlTreeReader(limits);
    }

    public RunbookLoader() {
        this(YamlLimits.defaults());
    }

    /**
     * The runbook files a path names: the path itself, or every {@code *.yaml} / {@code *.yml} directly in a directory,
     * in name order. Subdirectories are not runbooks (they may hold fixtures or other YAML).
     */
    public static List<Path> runbookFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.list(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        }
    }

    /** Loads every runbook file named by {@code paths} (files or directories), in path order. */
    public List<LoadedRunbook> loadAll(List<Path> paths) {
        // every file once, even when a file and its directory are both named
        List<Found> found = new ArrayList<>();
        for (Path path : paths) {
            try {
                for (Path file : runbookFiles(path)) {
                    if (found.stream().noneMatch(f -> f.path().equals(file))) {
                        found.add(new Found(file, Optional.empty()));
                    }
                }
            } catch (IOException e) {
                found.add(
                        new Found(path, Optional.of(unreadable(path, "cannot list " + path + ": " + e.getMessage()))));
            }
        }
        // Parsing is most of loading and each file is independent: they are parsed in parallel, kept in the order
        // found.
        return found.parallelStream()
                .map(f -> f.unlistable().orElseGet(() -> load(f.path())))
                .toList();
    }

    /** A runbook file to load, or a path that could not be listed (its problem already made). */
    private record Found(Path path, Optional<LoadedRunbook> unlistable) {}

    public LoadedRunbook load(Path file) {
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                return unreadable(
                        file,
                        "the file has " + size + " bytes; a runbook may have at most " + limits.maxBytes() + " bytes");
            }
            return parse(file, Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return unreadable(file, "no such file");
        } catch (IOException e) {
            return unreadable(file, "cannot read the file: " + e.getMessage());
        }
    }

    /** Loads a runbook from bytes; {@code file} names it in positions and becomes {@link RunbookSpec#source()}. */
    public LoadedRunbook parse(Path file, byte[] content) {
        String version = version(content);
        if (content.length > limits.maxBytes()) {
            return unreadable(
                    file,
                    "the file has " + content.length + " bytes; a runbook may have at most " + limits.maxBytes()
                            + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return unreadable(file, "the file is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Problem> problems = new ArrayList<>();
        YamlTree tree = reader.read(file, text);
        problems.addAll(tree.problems());
        SourceMap.Builder sources = SourceMap.builder(file, text);
        tree.root().ifPresent(root -> index(sources, "", root));
        Optional<RunbookSpec> draft = Optional.empty();
        if (tree.root().isPresent()) {
            YamlNode root = tree.root().get();
            if (root instanceof YamlNode.YamlMap map) {
                draft = Optional.of(new RunbookReader(file, problems, sources).read(map, version));
            } else {
                problems.add(Problem.error(
                        root.location(),
                        "a runbook must be a YAML mapping (key: value lines), found " + root.describe()));
            }
        }
        return new LoadedRunbook(file, version, draft, sources.build(), problems);
    }

    private static LoadedRunbook unreadable(Path file, String message) {
        return new LoadedRunbook(
                file,
                "",
                Optional.empty(),
                SourceMap.builder(file, "").build(),
                List.of(Problem.error(new SourceLocation(file, 1, 1), message)));
    }

    private static void index(SourceMap.Builder sources, String path, YamlNode node) {
        if (node instanceof YamlNode.YamlScalar scalar) {
            sources.value(path, node.location(), Optional.of(scalar.text()));
        } else {
            sources.value(path, node.location(), Optional.empty());
        }
        if (node instanceof YamlNode.YamlMap map) {
            for (YamlNode.YamlMap.Entry entry : map.entries().values()) {
                String child = path.isEmpty() ? entry.key() : path + "." + entry.key();
                sources.key(child, entry.keyLocation());
                index(sources, child, entry.value());
            }
        } else if (node instanceof YamlNode.YamlList list) {
            for (int i = 0; i < list.items().size(); i++) {
                index(sources, path + "[" + i + "]", list.items().get(i));
            }
        }
    }

    /** The first 12 hex digits of the SHA-256 of {@code content}. */
    public static String version(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

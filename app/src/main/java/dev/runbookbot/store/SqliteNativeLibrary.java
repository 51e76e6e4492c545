package dev.runbookbot.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library kept in a directory of the bot's, so that a start does not extract it again.
 *
 * <p>Left alone, sqlite-jdbc copies its native library out of the jar into the temporary directory under a new name at
 * every start, reads both back byte by byte to compare them, and loads the new copy: some 100 ms of CPU of each start.
 * {@link #useCopyIn} keeps one copy per sqlite-jdbc version and platform in a directory of the bot's (beside the jar)
 * and points sqlite-jdbc at it through its documented {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}
 * properties. The copy is compared with the library in the jar, in large blocks, each time before it is used, and
 * written again (to a new file moved into place) when it differs or is missing; the directory is the process owner's
 * alone ({@code rwx------}), and one that others may write to is not used. When anything about it fails, the
 * properties are left unset and sqlite-jdbc extracts its library as it always does. A library path set by the
 * operator ({@code -Dorg.sqlite.lib.path}) is kept.
 *
 * <p>Call it before the first SQLite connection of the process; after that the library is loaded and the properties
 * have no effect. Safe to call from several threads and processes at once (each writes its own file and moves it).
 */
public final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final int BLOCK = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private SqliteNativeLibrary() {}

    /**
     * Points sqlite-jdbc at the copy of its native library in {@code directory} (created when missing), written there
     * when it is missing or differs from the jar's.
     *
     * @return the copy's path; empty when sqlite-jdbc is left to extract its own (a library path already set, no
     *     native library for this platform in the jar, or a directory that cannot be used)
     */
    public static Optional<Path> useCopyIn(Path directory) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return Optional.empty();
        }
        Optional<Path> library = copyIn(directory);
        library.ifPresent(path -> {
            System.setProperty(NAME_PROPERTY, path.getFileName().toString());
            System.setProperty(PATH_PROPERTY, path.getParent().toString());
        });
        return library;
    }

    /** The checked copy of the jar's library in {@code directory}, written when missing or different; empty if none. */
    static Optional<Path> copyIn(Path directory) {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        if (SQLiteJDBCLoader.class.getResource(resource) == null) {
            return Optional.empty();
        }
        String platform = LibraryLoaderUtil.getNativeLibResourcePath()
                .replaceFirst("^.*/native/", "")
                .replace('/', '-');
        Path home = directory.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + platform);
        try {
            Path library = home.resolve(name);
            if (!ownedAndPrivate(directory) || !ownedAndPrivate(home)) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(library, LinkOption.NOFOLLOW_LINKS) || !sameAsInJar(resource, library)) {
                write(resource, home, library);
            }
            return Optional.of(library);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // sqlite-jdbc's own extraction, as without this class
        }
    }

    /** Creates the directory for this user alone when missing; whether it is a directory no one else may write to. */
    private static boolean ownedAndPrivate(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process made it at the same moment; it is checked below like any other
            }
        }
        PosixFileAttributes attributes =
                Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.isDirectory()
                && attributes.owner().getName().equals(System.getProperty("user.name"))
                && !attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                && !attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean sameAsInJar(String resource, Path library) throws IOException {
        try (InputStream jar = open(resource);
                InputStream copy = Files.newInputStream(library, LinkOption.NOFOLLOW_LINKS)) {
            byte[] expected = new byte[BLOCK];
            byte[] actual = new byte[BLOCK];
            while (true) {
                int n = jar.readNBytes(expected, 0, BLOCK);
                int m = copy.readNBytes(actual, 0, BLOCK);
                if (n != m || Arrays.mismatch(expected, 0, n, actual, 0, m) >= 0) {
                    return false;
                }
                if (n < BLOCK) {
                    return true;
                }
            }
        }
    }

    /** Writes the jar's library to a new file of its own and moves it into place, replacing what was there. */
    private static void write(String resource, Path home, Path library) throws IOException {
        Path partial = Files.createTempFile(home, library.getFileName().toString(), ".partial");
        try {
            try (InputStream jar = open(resource)) {
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r-x------"));
            if (!sameAsInJar(resource, partial)) {
                throw new IOException("the copy of " + resource + " in " + home + " differs from the jar's");
            }
            try {
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not in the jar");
        }
        return in;
    }
}

package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** The copy of sqlite-jdbc's native library that a start uses instead of extracting it again. */
class SqliteNativeLibraryTest {
    @TempDir
    Path dir;

    private static byte[] inJar() throws Exception {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theFirstUseWritesTheJarsLibraryForThisUserAloneAndLaterUsesKeepIt() throws Exception {
        Path natives = dir.resolve("runbook-bot.native");

        Path library = SqliteNativeLibrary.copyIn(natives).orElseThrow();

        assertEquals(natives, library.getParent().getParent());
        assertTrue(library.getParent()
                .getFileName()
                .toString()
                .startsWith("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()));
        assertArrayEquals(inJar(), Files.readAllBytes(library));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(natives)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent())));
        Object written =
                Files.readAttributes(library, BasicFileAttributes.class).fileKey();

        assertEquals(Optional.of(library), SqliteNativeLibrary.copyIn(natives));
        assertEquals(
                written,
                Files.readAttributes(library, BasicFileAttributes.class).fileKey(),
                "not written again");
        try (var files = Files.list(library.getParent())) {
            assertEquals(1, files.count(), "no partial file is left");
        }
    }

    @Test
    void aCopyThatDiffersFromTheJarsIsReplacedBeforeItIsUsed() throws Exception {
        Path natives = dir.resolve("runbook-bot.native");
        Path library = SqliteNativeLibrary.copyIn(natives).orElseThrow();
        byte[] changed = inJar();
        changed[changed.length / 2] ^= 1;
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rw-------"));
        Files.write(library, changed);

        assertEquals(Optional.of(library), SqliteNativeLibrary.copyIn(natives));

        assertArrayEquals(inJar(), Files.readAllBytes(library));
    }

    @Test
    void aDirectoryOthersMayWriteToIsNotUsed() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertEquals(Optional.empty(), SqliteNativeLibrary.copyIn(shared));
        try (var files = Files.list(shared)) {
            assertEquals(0, files.count(), "nothing written there");
        }
    }

    @Test
    void aLibraryPathTheOperatorSetIsKept() {
        String before = System.getProperty(SqliteNativeLibrary.PATH_PROPERTY);
        System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, dir.toString());
        try {
            assertEquals(Optional.empty(), SqliteNativeLibrary.useCopyIn(dir.resolve("runbook-bot.native")));
            assertEquals(dir.toString(), System.getProperty(SqliteNativeLibrary.PATH_PROPERTY));
            assertTrue(Files.notExists(dir.resolve("runbook-bot.native")), "nothing written");
        } finally {
            if (before == null) {
                System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
            } else {
                System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, before);
            }
        }
    }
}

package org.onosdvr.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe whole-file replacement: write a temporary sibling, fsync it, rename it over the target, fsync
 * the directory. A crash at any point leaves either the complete old file or the complete new one; a torn
 * temporary file is ignored (and overwritten) by the next write.
 */
public final class AtomicFiles {

    /** Suffix of the temporary file written before the rename. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /**
     * Atomically replaces {@code target} with {@code content}.
     *
     * @param target  file to replace (its directory is created if missing)
     * @param content new content
     * @param sync    whether to fsync file and directory (durability against power loss)
     * @throws IOException on I/O failure; the previous content of {@code target} is then untouched
     */
    public static void write(Path target, byte[] content, boolean sync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (sync) {
                ch.force(true);
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (sync) {
            syncDirectory(dir);
        }
    }

    /**
     * Reads a file written by {@link #write}, or returns null if it does not exist.
     *
     * @param target file
     * @return content or null
     * @throws IOException on I/O failure
     */
    public static byte[] readIfExists(Path target) throws IOException {
        if (!Files.exists(target)) {
            return null;
        }
        return Files.readAllBytes(target);
    }

    /**
     * Flushes a directory's entries (a rename or file creation) to disk; a no-op where the platform
     * does not allow opening directories.
     *
     * @param dir directory
     */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform (e.g. Windows); the rename itself is still atomic.
            return;
        }
    }
}

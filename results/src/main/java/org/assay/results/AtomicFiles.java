package org.assay.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Write-then-rename, so that a reader (or a crash at any instant) sees either the previous
 * complete file or the new complete file, never a half-written one.
 *
 * <p>Implementation notes. (1) The temporary file sits in the target's own directory: a rename is
 * only atomic within one file system. (2) The data is forced to disk before the rename ({@link #forceFile}); without
 * it a power cut after the rename can leave a renamed but empty file on ext4/xfs. (3) The
 * directory is forced after the rename so the new name itself is durable; Windows cannot open a
 * directory for that, and there the rename alone has to do. (4) The temporary name is fixed and
 * starts with '.', so a crash leaves at most one stray file per target, which the next write
 * replaces and {@code assay verify} reports as UNLISTED.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void write(Path target, byte[] bytes, Durability durability) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        durability.forceFile(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        durability.forceDirectory(target.getParent());
    }

    /**
     * {@code fsync} of a file, also one written by other means (appended, copied by another
     * class): fsync flushes the file, not one descriptor's writes. Opened for writing, not
     * reading, because Windows' FlushFileBuffers needs write access; nothing is written and
     * nothing truncated.
     */
    static void forceFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not supported on every platform (see note 3); the rename has happened either way.
        }
    }
}

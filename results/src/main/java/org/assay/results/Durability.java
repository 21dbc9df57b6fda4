package org.assay.results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How the writer makes bytes durable: {@link #DISK} forces them to the device. A seam so a test
 * can record that every file listed in {@code SHA256SUMS} was forced before the sums were
 * written: a checksum over bytes still in the page cache vouches for a file a power cut can empty.
 */
interface Durability {

    /** Forces the file's data and metadata to the device ({@code fsync}). */
    void forceFile(Path file) throws IOException;

    /** Forces a directory, so the names created or renamed in it are durable; best effort. */
    void forceDirectory(Path dir);

    Durability DISK = new Durability() {
        @Override
        public void forceFile(Path file) throws IOException {
            AtomicFiles.forceFile(file);
        }

        @Override
        public void forceDirectory(Path dir) {
            AtomicFiles.forceDirectory(dir);
        }
    };
}

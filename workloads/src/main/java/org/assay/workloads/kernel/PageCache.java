package org.assay.workloads.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Drops a file's pages from the page cache ({@code posix_fadvise(POSIX_FADV_DONTNEED)} after
 * {@code fdatasync}, through JNA), so that buffered I/O, where direct I/O is refused, reads from
 * the device again on the next pass. The advice applies to the file, not to the descriptor, so a
 * descriptor of its own is opened for it. On tmpfs there is no device to drop to: the pages stay.
 */
public final class PageCache {

    static final int O_RDONLY = 0;
    static final int POSIX_FADV_DONTNEED = 4;

    interface C extends Library {
        int open(String path, int flags);

        int fdatasync(int fd);

        int posix_fadvise(int fd, long offset, long len, int advice);

        int close(int fd);
    }

    private static volatile C c;

    private PageCache() {
    }

    private static synchronized C c() throws IOException {
        if (c == null) {
            try {
                c = Native.load("c", C.class);
            } catch (Throwable t) { // UnsatisfiedLinkError, IllegalCallerException
                throw new IOException("cannot load libc through JNA to drop cached pages: " + t);
            }
        }
        return c;
    }

    /**
     * Writes the file's dirty pages and asks the kernel to drop all of its cached pages.
     *
     * @throws IOException when libc cannot be loaded or a call fails: buffered figures without
     *                     the drop would be page-cache figures, so the caller must not go on
     */
    public static void drop(Path file) throws IOException {
        C libc = c();
        int fd = libc.open(file.toAbsolutePath().toString(), O_RDONLY);
        if (fd < 0) {
            throw new IOException("open " + file + " to drop its cached pages failed (errno " + Native.getLastError() + ")");
        }
        try {
            if (libc.fdatasync(fd) != 0) {
                throw new IOException("fdatasync " + file + " failed (errno " + Native.getLastError() + ")");
            }
            int rc = libc.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            if (rc != 0) { // returns the error number itself
                throw new IOException("posix_fadvise(DONTNEED) on " + file + " failed (error " + rc + ")");
            }
        } finally {
            libc.close(fd);
        }
    }
}

package org.assay.workloads.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;

/**
 * Linux native AIO ({@code io_setup}, {@code io_submit}, {@code io_getevents}, {@code io_destroy},
 * raw system calls through JNA, as fio's {@code libaio} engine makes them) on a descriptor opened
 * here with {@code O_DIRECT}: the kernel keeps up to the context's depth of reads and writes in
 * flight from one thread, which is how a single job reaches an NVMe drive's queue depth.
 * Without {@code O_DIRECT} the kernel completes each submission before returning, so AIO is
 * only used with direct I/O. x86-64 and aarch64 system call numbers.
 */
final class LinuxAio {

    static final int IOCB_CMD_PREAD = 0;
    static final int IOCB_CMD_PWRITE = 1;
    static final int IOCB_BYTES = 64;
    static final int EVENT_BYTES = 32;
    private static final boolean ARM = System.getProperty("os.arch", "").contains("aarch64");
    private static final long SYS_IO_SETUP = ARM ? 0 : 206;
    private static final long SYS_IO_DESTROY = ARM ? 1 : 207;
    private static final long SYS_IO_SUBMIT = ARM ? 2 : 209;
    private static final long SYS_IO_GETEVENTS = ARM ? 4 : 208;
    static final int O_RDWR = 2;
    static final int O_DIRECT = ARM ? 0200000 : 040000;

    interface C extends Library {
        int open(String path, int flags);

        int close(int fd);
    }

    /**
     * {@code syscall} by JNA's direct mapping, with a fixed arity: a few hundred ns a call, where
     * the varargs interface mapping costs microseconds, which at hundreds of thousands of I/Os a
     * second would be the job's bottleneck. Unused trailing arguments are ignored by the kernel.
     */
    static final class Sys {
        static {
            Native.register(Sys.class, "c");
        }

        private Sys() {
        }

        static native long syscall(long number, long a1, long a2, long a3, long a4, long a5) throws LastErrorException;
    }

    private static volatile C c;

    private LinuxAio() {
    }

    static synchronized C c() throws IOException {
        if (c == null) {
            try {
                c = Native.load("c", C.class);
                Sys.syscall(-1, 0, 0, 0, 0, 0); // loads the direct mapping now, where a failure can be reported
            } catch (LastErrorException expected) {
                // ENOSYS for system call -1: the mapping works
            } catch (Throwable t) { // UnsatisfiedLinkError, IllegalCallerException, ExceptionInInitializerError
                c = null;
                throw new IOException("cannot load libc through JNA for Linux AIO: " + t);
            }
        }
        return c;
    }

    private static long call(long number, long a1, long a2, long a3, long a4, long a5, String what) throws IOException {
        try {
            return Sys.syscall(number, a1, a2, a3, a4, a5);
        } catch (LastErrorException e) {
            throw new ErrnoException(what + " failed (errno " + e.getErrorCode() + ")", e.getErrorCode());
        }
    }

    /** A failed system call and its errno. */
    static final class ErrnoException extends IOException {
        final int errno;

        ErrnoException(String message, int errno) {
            super(message);
            this.errno = errno;
        }
    }

    static int openDirect(String path) throws IOException {
        int fd = c().open(path, O_RDWR | O_DIRECT);
        if (fd < 0) {
            throw new IOException("open " + path + " with O_DIRECT for AIO failed (errno " + Native.getLastError() + ")");
        }
        return fd;
    }

    /** A context for {@code depth} requests in flight; its id. */
    static long setup(int depth) throws IOException {
        c();
        Memory ctx = new Memory(8);
        ctx.setLong(0, 0);
        try {
            call(SYS_IO_SETUP, depth, Pointer.nativeValue(ctx), 0, 0, 0, "io_setup(" + depth + ")");
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage() + (e.errno == 11 ? ": /proc/sys/fs/aio-max-nr is too low" : ""));
        }
        return ctx.getLong(0);
    }

    static void destroy(long ctx) throws IOException {
        call(SYS_IO_DESTROY, ctx, 0, 0, 0, 0, "io_destroy");
    }

    /** Fills one iocb (64 bytes, the kernel's layout on little-endian 64-bit). */
    static void prepare(Pointer iocb, long data, int opcode, int fd, Pointer buf, long bytes, long offset) {
        iocb.clear(IOCB_BYTES);
        iocb.setLong(0, data);        // aio_data
        iocb.setShort(16, (short) opcode); // aio_lio_opcode
        iocb.setInt(20, fd);          // aio_fildes
        iocb.setLong(24, Pointer.nativeValue(buf)); // aio_buf
        iocb.setLong(32, bytes);      // aio_nbytes
        iocb.setLong(40, offset);     // aio_offset
    }

    /** Submits {@code n} iocbs whose addresses are in {@code iocbPointers}; all or an exception. */
    static void submit(long ctx, int n, Pointer iocbPointers) throws IOException {
        long rc = call(SYS_IO_SUBMIT, ctx, n, Pointer.nativeValue(iocbPointers), 0, 0, "io_submit");
        if (rc != n) {
            throw new IOException("io_submit of " + n + " request(s) took " + rc);
        }
    }

    /** Waits for at least {@code min} and at most {@code max} completions into {@code events}; how many arrived. */
    static int getEvents(long ctx, int min, int max, Pointer events) throws IOException {
        while (true) {
            try {
                return (int) call(SYS_IO_GETEVENTS, ctx, min, max, Pointer.nativeValue(events), 0, "io_getevents");
            } catch (ErrnoException e) {
                if (e.errno != 4) { // EINTR: a signal arrived; wait again
                    throw e;
                }
            }
        }
    }
}

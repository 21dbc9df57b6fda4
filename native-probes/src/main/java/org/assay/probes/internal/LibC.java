package org.assay.probes.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The whole native surface of the probes: open/pread/close, ioctl and the raw syscall used for
 * perf_event_open. There is deliberately no pwrite: a probe cannot write an MSR even by mistake
 * (a write taints the kernel and can change clocks or power limits; docs/probes.md, msr).
 *
 * <p>Loaded lazily: a machine without JNA's native library (or a JVM refusing native access)
 * gets a {@link ProbeIoException}, and the probes say "unavailable" instead of failing to load.
 */
final class LibC {
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    /** perf_event_open's syscall number on x86-64 (on arm64 it is 241). */
    static final long SYS_PERF_EVENT_OPEN = 298;

    interface C extends Library {
        int open(String path, int flags) throws LastErrorException;

        long pread(int fd, byte[] buf, long count, long offset) throws LastErrorException;

        long read(int fd, byte[] buf, long count) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int ioctl(int fd, NativeLong request, long arg) throws LastErrorException;

        long syscall(long number, Object... args) throws LastErrorException;
    }

    private static volatile C c;
    private static volatile String loadFailure;

    private LibC() {
    }

    static C c() throws ProbeIoException {
        C lib = c;
        if (lib != null) {
            return lib;
        }
        synchronized (LibC.class) {
            if (c == null && loadFailure == null) {
                try {
                    c = Native.load("c", C.class);
                } catch (Throwable t) {       // UnsatisfiedLinkError, IllegalCallerException (no native access)
                    loadFailure = "cannot load libc through JNA: " + t;
                }
            }
            if (c == null) {
                throw new ProbeIoException(ProbeIoException.ENODEV, loadFailure);
            }
            return c;
        }
    }

    /** Reads {@code len} bytes at {@code offset} of a device or file; a short read is an EIO. */
    static byte[] pread(String path, long offset, int len) throws ProbeIoException {
        C lib = c();
        int fd;
        try {
            fd = lib.open(path, O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new ProbeIoException(e.getErrorCode(), "open " + path);
        }
        try {
            byte[] buf = new byte[len];
            long n = lib.pread(fd, buf, len, offset);
            if (n != len) {
                throw new ProbeIoException(ProbeIoException.EIO, "short read of " + path + ": " + n + " of " + len + " bytes");
            }
            return buf;
        } catch (LastErrorException e) {
            throw new ProbeIoException(e.getErrorCode(), "pread " + path + " at 0x" + Long.toHexString(offset));
        } finally {
            try {
                lib.close(fd);
            } catch (LastErrorException ignored) {
                // nothing to do about a failed close of a read-only descriptor
            }
        }
    }

    /** Little-endian unsigned 64-bit value from 8 bytes at {@code off} (MSR device layout). */
    static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }
}

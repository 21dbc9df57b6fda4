package org.assay.probes.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

/**
 * perf_event_open(2) for counting (never sampling): builds a {@code perf_event_attr} of 64 bytes
 * (VER0, enough for counting, accepted by every kernel), opens, reads and closes events
 * (the kernel's VER0 field layout). Values are scaled by time_enabled/time_running when the kernel
 * multiplexed the counter, and a counter that never ran reads NaN, not 0.
 */
public final class PerfEvents {
    public static final int TYPE_HARDWARE = 0;
    public static final int TYPE_SOFTWARE = 1;
    public static final long HW_CPU_CYCLES = 0;
    public static final long HW_INSTRUCTIONS = 1;
    public static final long HW_CACHE_REFERENCES = 2;
    public static final long HW_CACHE_MISSES = 3;
    public static final long HW_BRANCH_MISSES = 5;
    public static final long SW_TASK_CLOCK = 1;

    private static final int ATTR_SIZE = 64;
    /** exclude_kernel (bit 5) and exclude_hv (bit 6): what paranoid 2, the default, allows. */
    private static final long FLAGS_USER_ONLY = (1L << 5) | (1L << 6);
    /** PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING. */
    private static final long READ_FORMAT = 1 | 2;
    private static final long FLAG_FD_CLOEXEC = 8;

    private PerfEvents() {
    }

    /** Opens a counting event for thread {@code tid} (0 = the caller) on any CPU, or for all tasks on {@code cpu}. */
    public static int open(int type, long config, int tid, int cpu) throws ProbeIoException {
        LibC.C c = LibC.c();
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        attr.setInt(0, type);
        attr.setInt(4, ATTR_SIZE);
        attr.setLong(8, config);
        attr.setLong(32, READ_FORMAT);
        attr.setLong(40, FLAGS_USER_ONLY);
        try {
            return (int) c.syscall(LibC.SYS_PERF_EVENT_OPEN, attr, (long) tid, (long) cpu, -1L, FLAG_FD_CLOEXEC);
        } catch (LastErrorException e) {
            throw new ProbeIoException(e.getErrorCode(), "perf_event_open(type " + type + ", config " + config + ")");
        }
    }

    /** The count, scaled for multiplexing; NaN if the counter never ran or the read failed. */
    public static double read(int fd) {
        try {
            byte[] b = new byte[24];
            long n = LibC.c().read(fd, b, 24);
            if (n != 24) {
                return Double.NaN;
            }
            return scaled(LibC.le64(b, 0), LibC.le64(b, 8), LibC.le64(b, 16));
        } catch (LastErrorException | ProbeIoException e) {
            return Double.NaN;
        }
    }

    static double scaled(long value, long enabled, long running) {
        if (running <= 0) {
            return Double.NaN;
        }
        return running >= enabled ? value : value * ((double) enabled / running);
    }

    public static void close(int fd) {
        try {
            LibC.c().close(fd);
        } catch (LastErrorException | ProbeIoException e) {
            // a counter fd; nothing to recover
        }
    }

    static void reset(int fd) {
        try {
            LibC.c().ioctl(fd, new NativeLong(0x2403), 0);
        } catch (LastErrorException | ProbeIoException e) {
            // the next read then includes earlier counts; deltas are taken by the caller anyway
        }
    }
}

package org.assay.workloads.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The two kernel calls the memory workloads make on their own memory, through JNA: {@code madvise}
 * (transparent huge pages on or off for a region) and {@code set_mempolicy} (bind the calling
 * thread's future allocations to one NUMA node). Both are hints the kernel may ignore; each call
 * returns whether it was accepted, and callers record that rather than assume it.
 *
 * <p>Loaded lazily; where JNA or libc cannot be loaded (or the JVM refuses native access) every
 * call answers "not applied" with the reason in {@link #unavailableReason()}.
 */
public final class MemoryAdvice {

    public static final int MADV_HUGEPAGE = 14;
    public static final int MADV_NOHUGEPAGE = 15;
    static final int MPOL_DEFAULT = 0;
    static final int MPOL_BIND = 2;
    /** x86-64 syscall numbers; set_mempolicy lives in libnuma, not glibc, so it is a raw syscall. */
    static final long SYS_SET_MEMPOLICY = 238;
    public static final long HUGE_PAGE = 2L << 20;

    interface C extends Library {
        int madvise(Pointer addr, NativeLong length, int advice);

        long syscall(long number, Object... args);
    }

    private static volatile C c;
    private static volatile String unavailable;

    private MemoryAdvice() {
    }

    private static C c() {
        if (c == null && unavailable == null) {
            synchronized (MemoryAdvice.class) {
                if (c == null && unavailable == null) {
                    try {
                        c = Native.load("c", C.class);
                    } catch (Throwable t) { // UnsatisfiedLinkError, IllegalCallerException
                        unavailable = "cannot load libc through JNA: " + t;
                    }
                }
            }
        }
        return c;
    }

    public static String unavailableReason() {
        c();
        return unavailable;
    }

    /** madvise over the whole 2 MiB-aligned pages inside [address, address + length). */
    public static boolean madvise(long address, long length, int advice) {
        C lib = c();
        if (lib == null) {
            return false;
        }
        long start = (address + HUGE_PAGE - 1) & -HUGE_PAGE;
        long end = (address + length) & -HUGE_PAGE;
        if (end <= start) {
            return false;
        }
        return lib.madvise(new Pointer(start), new NativeLong(end - start), advice) == 0;
    }

    /** Binds the calling thread's future page allocations to {@code node}; false if refused. */
    public static boolean bindToNode(int node) {
        C lib = c();
        if (lib == null || node < 0 || node >= 64) {
            return false;
        }
        long[] mask = {1L << node};
        return lib.syscall(SYS_SET_MEMPOLICY, MPOL_BIND, mask, 65L) == 0;
    }

    /** Back to the default policy (allocate on the node of the CPU that first touches). */
    public static boolean unbind() {
        C lib = c();
        return lib != null && lib.syscall(SYS_SET_MEMPOLICY, MPOL_DEFAULT, Pointer.NULL, 0L) == 0;
    }
}

package org.assay.workloads.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The kernel calls the memory workloads make on their own memory, through JNA: {@code madvise}
 * (transparent huge pages on or off for a region), {@code set_mempolicy} (bind the calling
 * thread's future allocations to one NUMA node) and {@code get_mempolicy} with
 * {@code MPOL_F_NODE | MPOL_F_ADDR} (the node a page actually sits on). The first two are hints
 * the kernel may ignore; each call returns whether it was accepted, and the third is how a caller
 * checks the result rather than assume it.
 *
 * <p>Loaded lazily; where JNA or libc cannot be loaded (or the JVM refuses native access) every
 * call answers "not applied" with the reason in {@link #unavailableReason()}.
 */
public final class MemoryAdvice {

    public static final int MADV_HUGEPAGE = 14;
    public static final int MADV_NOHUGEPAGE = 15;
    static final long MPOL_DEFAULT = 0;
    static final long MPOL_BIND = 2;
    static final long MPOL_F_NODE = 1;
    static final long MPOL_F_ADDR = 2;
    private static final long PAGE = 4096;
    /**
     * The NUMA calls live in libnuma, not glibc, so they are raw syscalls, whose numbers differ by
     * architecture (x86-64: 238/239, arm64: 237/236). On any other architecture they are not made:
     * a wrong number would be another system call.
     */
    static final long SYS_SET_MEMPOLICY;
    static final long SYS_GET_MEMPOLICY;

    static {
        String arch = System.getProperty("os.arch", "");
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (linux && (arch.equals("amd64") || arch.equals("x86_64"))) {
            SYS_SET_MEMPOLICY = 238;
            SYS_GET_MEMPOLICY = 239;
        } else if (linux && arch.equals("aarch64")) {
            SYS_SET_MEMPOLICY = 237;
            SYS_GET_MEMPOLICY = 236;
        } else {
            SYS_SET_MEMPOLICY = -1;
            SYS_GET_MEMPOLICY = -1;
        }
    }
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
        if (lib == null || node < 0 || node >= 64 || SYS_SET_MEMPOLICY < 0) {
            return false;
        }
        long[] mask = {1L << node};
        return lib.syscall(SYS_SET_MEMPOLICY, MPOL_BIND, mask, 65L) == 0;
    }

    /** Back to the default policy (allocate on the node of the CPU that first touches). */
    public static boolean unbind() {
        C lib = c();
        return lib != null && SYS_SET_MEMPOLICY >= 0
                && lib.syscall(SYS_SET_MEMPOLICY, MPOL_DEFAULT, Pointer.NULL, 0L) == 0;
    }

    /**
     * The NUMA node of the page holding {@code address}, as the kernel has it now; -1 when the
     * call is unavailable or refused (no NUMA support in the kernel, a seccomp filter). The page
     * must already be touched: for a page not yet present the answer would describe the fault the
     * call itself causes.
     */
    public static int nodeOf(long address) {
        C lib = c();
        if (lib == null || SYS_GET_MEMPOLICY < 0) {
            return -1;
        }
        int[] node = {-1};
        long rc = lib.syscall(SYS_GET_MEMPOLICY, node, Pointer.NULL, 0L, new Pointer(address & -PAGE),
                MPOL_F_NODE | MPOL_F_ADDR);
        return rc == 0 ? node[0] : -1;
    }

    /**
     * How many of {@code samples} pages spread evenly over [address, address + length) sit on
     * {@code node}; -1 when the node of a page cannot be read. A check of a few pages, not a
     * census: it catches a binding the kernel ignored (all pages elsewhere) or half applied.
     */
    public static int pagesOnNode(long address, long length, int node, int samples) {
        long pages = Math.max(1, length / PAGE);
        int n = (int) Math.min(samples, pages);
        int on = 0;
        for (int i = 0; i < n; i++) {
            long page = pages * i / n;
            int at = nodeOf(address + page * PAGE);
            if (at < 0) {
                return -1;
            }
            if (at == node) {
                on++;
            }
        }
        return on;
    }

    /** The address of a direct buffer's first byte, for {@link #nodeOf}. */
    public static long addressOf(java.nio.Buffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}

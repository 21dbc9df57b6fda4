package org.assay.workloads.kernel;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * Pointer chase over off-heap memory: every load's address is the value of the previous load,
 * so loads cannot overlap and the time per step is the load-to-use latency of whatever level of
 * the hierarchy holds the working set.
 *
 * <p>Two patterns, lmbench's {@code lat_mem_rd} idea in both:
 * <ul>
 *   <li>{@link #random}: one slot per 64-byte cache line, linked in a random cyclic permutation
 *       (Sattolo's algorithm), so hardware prefetchers find no stride to follow and every step
 *       touches a new line until the whole set has been visited.</li>
 *   <li>{@link #strided}: slots {@code strideBytes} apart, linked in address order: sequential
 *       access that prefetchers do follow. Strides below the line size share a line between
 *       steps (the line size shows as a knee); strides of a page defeat the prefetcher and the
 *       TLB.</li>
 * </ul>
 *
 * <p>Links are absolute 8-byte addresses, as in bench/c/chase.c ({@code p = *(char **)p}), so a
 * step compiles to one {@code mov (%reg),%reg}. A first version stored {@code int} offsets read
 * through {@code ByteBuffer.getInt}: the sign extension and the base add put two more cycles
 * on the dependent chain, and the L1 latency read 1.74 ns against C's 1.15 ns (x1.5).
 *
 * <p>Pitfalls avoided: the memory is a page-aligned chronicle-bytes native store (no GC moves
 * it, no object header between lines, released by {@link #close()}); it is written once in the
 * constructor (first touch paid outside the timing); {@link #walk(int)} returns the final
 * position and {@link #verify()} checks it against the visiting order computed independently
 * from the permutation, so a walk the JIT shortened or skipped fails instead of posting a fast
 * number.
 *
 * <p>Page size: by default the system's transparent-huge-page setting decides (with THP in
 * {@code madvise} mode, 4 KiB pages), and beyond the TLB's reach every random step also pays a
 * page walk. {@link #random(long, long, boolean)} with {@code hugePages} aligns the set to 2 MiB
 * and asks for huge pages with {@code MADV_HUGEPAGE} before the first touch, which takes most of
 * the page walks out of the DRAM latency (and out of a comparison with another program whose
 * pages may be laid out differently); {@link #hugePagesAdvised()} says whether the kernel took
 * the advice.
 */
public final class PointerChase implements AutoCloseable {

    /** Slot spacing of the random pattern: one link per cache line. */
    public static final int LINE_BYTES = 64;
    private static final int PAGE = 4096;

    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    private final BytesStore<?, Void> store;
    private final long base;
    /** {@code order[k]} is the slot visited k-th from slot 0: the independent reference. */
    private final int[] order;
    private final int slotBytes;
    private final long workingSetBytes;
    private final boolean hugePagesAdvised;
    private long position;
    private long steps;

    private PointerChase(long workingSetBytes, int slotBytes, int[] next, boolean hugePages) {
        this.workingSetBytes = workingSetBytes;
        this.slotBytes = slotBytes;
        int slots = next.length;
        this.order = orderOf(next);
        long align = hugePages ? MemoryAdvice.HUGE_PAGE : PAGE;
        // huge pages: the lazy store, which chronicle does not zero, so the advice comes before
        // the first touch (the eager store's zeroing faulted 4 KiB pages first: 8 of 128 MiB huge)
        this.store = hugePages ? BytesStore.lazyNativeBytesStoreWithFixedCapacity(workingSetBytes + align)
                : BytesStore.nativeStoreWithFixedCapacity(workingSetBytes + align);
        long raw = store.addressForWrite(0);
        this.base = (raw + align - 1) & -align;
        // before the first touch: the advice applies to pages faulted in afterwards
        this.hugePagesAdvised = hugePages
                && MemoryAdvice.madvise(base, workingSetBytes, MemoryAdvice.MADV_HUGEPAGE);
        MEMORY.setMemory(base, workingSetBytes, (byte) 0); // first touch, outside any timing
        for (int i = 0; i < slots; i++) {
            MEMORY.writeLong(base + (long) i * slotBytes, base + (long) next[i] * slotBytes);
        }
        this.position = base;
    }

    /**
     * A random cyclic permutation of the {@code workingSetBytes / 64} cache lines, from a
     * SplitMix64 stream seeded with {@code seed} (the same generator as bench/c/chase.c).
     */
    public static PointerChase random(long workingSetBytes, long seed) {
        return random(workingSetBytes, seed, false);
    }

    /** As {@link #random(long, long)}, on huge pages when {@code hugePages} (see the class comment). */
    public static PointerChase random(long workingSetBytes, long seed, boolean hugePages) {
        int slots = slots(workingSetBytes, LINE_BYTES);
        int[] next = new int[slots];
        for (int i = 0; i < slots; i++) {
            next[i] = i;
        }
        // Sattolo: like Fisher-Yates but j < i strictly, which yields one cycle through all slots
        long state = seed;
        for (int i = slots - 1; i > 0; i--) {
            state += 0x9E3779B97F4A7C15L;
            int j = (int) Long.remainderUnsigned(mix(state), i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        return new PointerChase(workingSetBytes, LINE_BYTES, next, hugePages);
    }

    /** Slots {@code strideBytes} apart, each linked to the next in address order, the last to the first. */
    public static PointerChase strided(long workingSetBytes, int strideBytes) {
        if (strideBytes < Long.BYTES || Integer.bitCount(strideBytes) != 1) {
            throw new IllegalArgumentException("strideBytes must be a power of two >= 8, got " + strideBytes);
        }
        int slots = slots(workingSetBytes, strideBytes);
        int[] next = new int[slots];
        for (int i = 0; i < slots; i++) {
            next[i] = (i + 1) % slots;
        }
        return new PointerChase(workingSetBytes, strideBytes, next, false);
    }

    private static int slots(long workingSetBytes, int slotBytes) {
        if (workingSetBytes < 2L * slotBytes || workingSetBytes % slotBytes != 0 || workingSetBytes > 1L << 30) {
            throw new IllegalArgumentException("working set must be a multiple of " + slotBytes
                    + " bytes holding at least two slots and at most 1 GiB, got " + workingSetBytes);
        }
        return (int) (workingSetBytes / slotBytes);
    }

    /** SplitMix64's output function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Follows {@code next} from slot 0; refuses anything but one cycle through every slot. */
    private static int[] orderOf(int[] next) {
        int[] order = new int[next.length];
        int s = 0;
        for (int k = 0; k < next.length; k++) {
            if (k > 0 && s == 0) {
                throw new IllegalStateException("chase permutation: expected one cycle of "
                        + next.length + " slots but got a cycle of " + k);
            }
            order[k] = s;
            s = next[s];
        }
        if (s != 0) {
            throw new IllegalStateException("chase permutation: expected to return to slot 0 after "
                    + next.length + " steps but got slot " + s);
        }
        return order;
    }

    /**
     * {@code loads} dependent loads from where the last walk stopped. Returns the position so the
     * caller has a use for it (no dead code).
     */
    public long walk(int loads) {
        long p = position;
        for (int i = 0; i < loads; i++) {
            p = MEMORY.readLong(p);
        }
        position = p;
        steps += loads;
        return p - base;
    }

    /**
     * Checks that the walk is where the permutation says it must be after all steps so far.
     *
     * @throws IllegalStateException "expected X but got Y"
     */
    public void verify() {
        long expected = (long) order[(int) Long.remainderUnsigned(steps, order.length)] * slotBytes;
        if (position - base != expected) {
            throw new IllegalStateException("pointer chase over " + workingSetBytes + " bytes after " + steps
                    + " steps: expected offset " + expected + " but got " + (position - base));
        }
    }

    /** Whether huge pages were asked for and {@code madvise} accepted (the kernel may still fall back to 4 KiB). */
    public boolean hugePagesAdvised() {
        return hugePagesAdvised;
    }

    /** Frees the native memory; the chase must not be walked afterwards. */
    @Override
    public void close() {
        if (store.refCount() > 0) {
            store.releaseLast();
        }
    }

    /** Test hook for sabotage tests: moves the walk off its cycle position. */
    void corrupt() {
        position = base + (position - base + slotBytes) % workingSetBytes;
    }

    public int slots() {
        return order.length;
    }

    public long workingSetBytes() {
        return workingSetBytes;
    }

    /** The address of the first slot, for checking which node the set's pages sit on. */
    public long address() {
        return base;
    }
}

package org.assay.workloads.kernel;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A large off-heap region from chronicle-bytes, for the memory-pressure workloads: first touch
 * (page-fault throughput) and random access over all of it, with transparent huge pages asked
 * for or refused by {@code madvise}.
 *
 * <p>What first touch measures: chronicle's native store is {@code malloc}ed, and a region this
 * size is a fresh anonymous mapping, so no page exists until written; {@link #touch()} writes
 * one long per 4 KiB page, and the time is the kernel's fault path (allocate, zero, map) per
 * page, or per 2 MiB with huge pages. Bytes are counted as region bytes made resident.
 *
 * <p>Always released: {@link #close()} frees the memory at once (not when a cleaner runs); the
 * JMH wrapper closes it after every operation and again at trial tear-down, and a failing fork
 * returns everything to the OS when it exits.
 */
public final class OffHeapRegion implements AutoCloseable {

    private static final long PAGE = 4096;
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    private final BytesStore<?, Void> store;
    private final long base;
    private final long bytes;
    private final boolean adviceApplied;
    private boolean touched;
    private long lastSum;

    /** @param hugePages true: MADV_HUGEPAGE; false: MADV_NOHUGEPAGE */
    public OffHeapRegion(long bytes, boolean hugePages) {
        if (bytes < MemoryAdvice.HUGE_PAGE) {
            throw new IllegalArgumentException("region must be at least 2 MiB, got " + bytes);
        }
        this.bytes = bytes;
        // lazy: chronicle does not zero it, so no page exists until touch() (the eager store
        // zeroes on allocation and first touch read 175 GB/s: pages already resident)
        this.store = BytesStore.lazyNativeBytesStoreWithFixedCapacity(bytes + MemoryAdvice.HUGE_PAGE);
        long raw = store.addressForWrite(0);
        this.base = (raw + MemoryAdvice.HUGE_PAGE - 1) & -MemoryAdvice.HUGE_PAGE;
        this.adviceApplied = MemoryAdvice.madvise(base, bytes,
                hugePages ? MemoryAdvice.MADV_HUGEPAGE : MemoryAdvice.MADV_NOHUGEPAGE);
    }

    /** Writes one long per page: every page faults in. Returns the pages written. */
    public long touch() {
        long pages = 0;
        for (long off = 0; off < bytes; off += PAGE) {
            MEMORY.writeLong(base + off, off);
            pages++;
        }
        touched = true;
        return pages;
    }

    /**
     * {@code accesses} independent random 8-byte reads over the region (xorshift addresses; the
     * loads do not depend on each other, so the core overlaps them: throughput, not latency).
     */
    public long randomReads(int accesses, long seed) {
        final long mask = (bytes / Long.BYTES) - 1; // bytes is a power of two here (validated)
        long x = seed | 1, s = 0;
        for (int i = 0; i < accesses; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            s += MEMORY.readLong(base + ((x & mask) << 3));
        }
        lastSum = s;
        return s;
    }

    /**
     * Checks the touch wrote every page (each page's first long is its own offset).
     *
     * @throws IllegalStateException "expected X but got Y"
     */
    public void verifyTouched() {
        if (!touched) {
            throw new IllegalStateException("first touch: expected a touched region but got none");
        }
        for (long off = 0; off < bytes; off += PAGE) {
            long v = MEMORY.readLong(base + off);
            if (v != off) {
                throw new IllegalStateException("first touch at offset " + off + ": expected " + off + " but got " + v);
            }
        }
    }

    /**
     * Replays the address stream of {@link #randomReads} over the region's contents and compares
     * the sums: a shortened, skipped or re-addressed read loop cannot match. The contents are read
     * back, not assumed: only the first long of each page is known ({@link #touch()} wrote it),
     * and the rest is zero only if the memory is fresh from the kernel, which {@code malloc} does
     * not promise (after a large block is freed, glibc raises its mmap threshold and serves the
     * next blocks of that size from reused heap memory; a test saw that garbage).
     *
     * @throws IllegalStateException "expected X but got Y"
     */
    public void verifyRandomReads(int accesses, long seed) {
        final long mask = (bytes / Long.BYTES) - 1;
        long x = seed | 1, expected = 0;
        for (int i = 0; i < accesses; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            expected += MEMORY.readLong(base + ((x & mask) << 3));
        }
        if (expected != lastSum) {
            throw new IllegalStateException("random reads: expected sum " + expected + " but got " + lastSum);
        }
    }

    /** Minor page faults of the calling thread so far ({@code /proc/thread-self/stat}), or -1. */
    public static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]); // field 10 of stat(5); f[0] is field 3
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public boolean adviceApplied() {
        return adviceApplied;
    }

    public long bytes() {
        return bytes;
    }

    /** Bytes of this process now in transparent huge pages (smaps_rollup), or -1 if unknown. */
    public static long anonHugeBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
                if (line.startsWith("AnonHugePages:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        if (store.refCount() > 0) {
            store.releaseLast();
        }
    }
}

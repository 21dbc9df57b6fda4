package org.assay.workloads.memory;

import org.assay.workloads.ForkHeap;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory.pressure.firstTouch} (GB/s made resident; faults/s as a secondary) and
 * {@code memory.pressure.random} (million independent 8-byte reads per second) over a share of
 * the available memory allocated off-heap with chronicle-bytes, with transparent huge pages
 * asked for and refused by madvise ({@code thp=huge|nohuge}).
 *
 * <p>Sizes: a share of the available memory (quick 512 MiB, first touch only, both THP settings;
 * standard a quarter; thorough half), capped so that a 1.5 TiB server does not spend half an
 * hour touching memory: the measurement needs a region past the caches and the TLB's reach, not
 * the whole machine ({@link #FIRST_TOUCH_CAP}, {@link #RANDOM_CAP}). Available memory is
 * min(MemAvailable, cgroup memory.max); a region that would not fit beside the fork's own heap
 * is refused before anything runs.
 */
final class PressureWorkload extends OneThreadWorkload {

    /** The fork's heap and JVM, which need room beside the region. */
    static final long FORK_OVERHEAD_BYTES = ForkHeap.BYTES + ForkHeap.JVM_OVERHEAD_BYTES;
    private static final long QUICK_BYTES = 512L << 20;
    private static final long MIN_BYTES = 2L << 20;

    /**
     * First touch, standard and thorough: 1 and 4 GiB. The rate is per page, so the region need
     * only be large enough that mapping and unmapping it are noise (1 GiB is 262,144 pages of
     * 4 KiB, 512 of 2 MiB) and small enough that one operation fits in a standard iteration
     * (500 ms) at the slowest rate measured (2.2 GB/s without huge pages). Each operation touches
     * the whole region, so a 256 GiB region would make each operation a minute long.
     */
    static final long[] FIRST_TOUCH_CAP = {QUICK_BYTES, 1L << 30, 4L << 30};
    /**
     * Random reads, standard and thorough: 16 and 64 GiB. The reads must miss the caches (a
     * thread reaches one L3, tens of MiB) and the TLB even with huge pages: Zen 4's 3,072-entry
     * second-level TLB maps 6 GiB in 2 MiB pages, recent Xeons' 2,048-entry STLB 4 GiB, so 16 GiB
     * leaves most reads outside the TLB's reach and 64 GiB nearly all. Touching it costs a few
     * seconds per fork, not the minutes a quarter of 1.5 TiB would.
     */
    static final long[] RANDOM_CAP = {QUICK_BYTES, 16L << 30, 64L << 30};

    private final boolean firstTouch;

    private PressureWorkload(boolean firstTouch) {
        super(firstTouch ? "memory.pressure.firstTouch" : "memory.pressure.random", 1,
                "org.assay.workloads.jmh.OffHeapPressureBench." + (firstTouch ? "firstTouch" : "random"),
                firstTouch ? "GB/s" : "Mreads/s", true,
                firstTouch
                        ? "first-touch page-fault throughput of a chronicle-bytes off-heap region, THP on/off by madvise, GB/s (+ faults/s)"
                        : "independent random 8-byte reads over a large touched off-heap region, THP on/off, million reads/s");
        this.firstTouch = firstTouch;
    }

    static PressureWorkload firstTouch() {
        return new PressureWorkload(true);
    }

    static PressureWorkload random() {
        return new PressureWorkload(false);
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        if (suite == Suite.quick && !firstTouch) {
            return List.of();
        }
        long region = regionBytesFor(suite, sizing.availableMemoryBytes(), firstTouch);
        List<Map<String, Object>> sets = new ArrayList<>();
        for (String thp : List.of("huge", "nohuge")) {
            sets.add(params(region, thp));
        }
        return sets;
    }

    /** A power of two (the random reads mask addresses): the suite's share, capped, rounded down. */
    static long regionBytesFor(Suite suite, long availableBytes, boolean firstTouch) {
        long usable = availableBytes > 0 ? availableBytes - FORK_OVERHEAD_BYTES : QUICK_BYTES;
        long share = switch (suite) {
            case quick -> usable / 2;
            case standard -> usable / 4;
            case thorough -> usable / 2;
        };
        long cap = (firstTouch ? FIRST_TOUCH_CAP : RANDOM_CAP)[suite.ordinal()];
        return Long.highestOneBit(Math.max(MIN_BYTES, Math.min(cap, share)));
    }

    private static Map<String, Object> params(long regionBytes, String thp) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("regionBytes", regionBytes);
        p.put("thp", thp);
        return p;
    }

    @Override public Map<String, Object> testParams() { return params(8L << 20, "huge"); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        requireOneThread(threads, "the pressure workloads run one thread");
        long bytes = Workload.longParam(params, "regionBytes");
        if (bytes < MIN_BYTES || Long.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("regionBytes must be a power of two of at least 2 MiB, got " + bytes);
        }
        Object thp = params.get("thp");
        if (!"huge".equals(thp) && !"nohuge".equals(thp)) {
            throw new IllegalArgumentException("thp must be huge or nohuge, got '" + thp + "'");
        }
        long available = sizing.availableMemoryBytes();
        if (available > 0 && bytes + FORK_OVERHEAD_BYTES > available) {
            throw new IllegalArgumentException("a region of " + (bytes >> 20) + " MiB does not fit: "
                    + (available >> 20) + " MiB are available (MemAvailable or cgroup memory.max) and the fork needs "
                    + (FORK_OVERHEAD_BYTES >> 20) + " MiB besides; use regionBytes <= "
                    + Long.highestOneBit(Math.max(1, available - FORK_OVERHEAD_BYTES)));
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return firstTouch
                ? Workload.longParam(params, "regionBytes") / 1e9   // one op makes the region resident
                : 1e-6;                                             // @OperationsPerInvocation: ops are reads
    }

    /** Iterations half the suite's: each first-touch operation is already 0.05-0.3 s long. */
    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return base.shortened(2, 2);
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        return 0.3 + Workload.longParam(params, "regionBytes") / 1e9 * (firstTouch ? 1.0 : 0.5);
    }
}

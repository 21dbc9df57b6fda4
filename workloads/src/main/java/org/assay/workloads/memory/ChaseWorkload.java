package org.assay.workloads.memory;

import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory.latency.chase}: ns per dependent load over working sets from the L1 to well past
 * the last-level cache. Each invocation is a sweep (one fork, the sets measured in rotation, one
 * result per set); the random pattern gives the latency staircase, the strided pattern
 * (standard and thorough suites) shows line size and prefetching at a DRAM-sized set.
 */
final class ChaseWorkload extends OneThreadWorkload {

    static final String ID = "memory.latency.chase";
    static final long MAX_WORKING_SET = 1L << 30;
    /** The smallest DRAM-sized set, whatever the cache: 64 MiB. */
    private static final long MIN_DRAM_SET = 64L << 20;
    private static final int[] STRIDES = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

    ChaseWorkload() {
        super(ID, 1, "org.assay.workloads.jmh.PointerChaseBench.chase", "ns", false,
                "pointer chase over a random cyclic permutation (and strided), off-heap, 1 KiB to >= 4x LLC, ns per load");
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        long largest = largestSet(suite, sizing);
        List<Map<String, Object>> sets = new ArrayList<>();
        sets.add(params("random", sizes(suite == Suite.quick ? 4096 : 1024, largest, suite != Suite.quick), 64));
        if (suite != Suite.quick) {
            for (int stride : STRIDES) {
                sets.add(params("strided", List.of(largest), stride));
            }
        }
        return sets;
    }

    /**
     * At least 4x the last-level cache the chasing core sees (and 64 MiB), at most 1 GiB; thorough
     * goes on towards 1 GiB as far as the machine's memory holds the whole sweep. The core sees one
     * L3 instance (32 MiB on a chiplet server, not the 768 MiB of all 24), so with a layout the
     * DRAM points start past four times that one; without one, the machine-wide figure stands.
     */
    static long largestSet(Suite suite, SizingContext sizing) {
        long fourTimes = Long.highestOneBit(Math.max(1, 4 * cacheTheCoreSees(sizing)) * 2 - 1);
        long largest = Math.min(Math.max(MIN_DRAM_SET, fourTimes), MAX_WORKING_SET);
        if (suite != Suite.thorough) {
            return largest;
        }
        long thorough = MAX_WORKING_SET;
        while (thorough > largest && sizing.availableMemoryBytes() > 0
                && sweepBytes(sizes(1024, thorough, true)) > sizing.availableMemoryBytes() / 2) {
            thorough /= 2; // the whole curve is allocated at once: stop where the machine can hold it
        }
        return thorough;
    }

    /** One instance of the last-level cache when the layout is known, else the machine-wide total. */
    private static long cacheTheCoreSees(SizingContext sizing) {
        if (sizing.topology() != null) {
            return sizing.topology().lastLevelCache().map(org.assay.probes.topology.CacheLevel::sizeBytes)
                    .orElse(sizing.lastLevelCacheBytes());
        }
        return sizing.lastLevelCacheBytes();
    }

    /** What a sweep holds at once: the links plus two int[] per 64-byte slot (permutation, reference order). */
    static long sweepBytes(List<Long> workingSets) {
        long total = workingSets.stream().mapToLong(Long::longValue).sum();
        return total + 8 * total / 64;
    }

    /** Powers of two from {@code smallest} to {@code largest}, with the 1.5x midpoints if asked. */
    static List<Long> sizes(long smallest, long largest, boolean midpoints) {
        List<Long> out = new ArrayList<>();
        for (long s = smallest; s <= largest; s *= 2) {
            out.add(s);
            if (midpoints && s * 3 / 2 < largest) {
                out.add(s * 3 / 2);
            }
        }
        return out;
    }

    static Map<String, Object> params(String pattern, List<Long> workingSets, int strideBytes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pattern", pattern);
        StringBuilder b = new StringBuilder();
        for (long s : workingSets) {
            b.append(b.length() > 0 ? "," : "").append(s);
        }
        p.put("workingSets", b.toString());
        if ("strided".equals(pattern)) {
            p.put("strideBytes", strideBytes);
        } else {
            p.put("thp", "default"); // -p thp=huge: the same curve on huge pages
        }
        return p;
    }

    @Override
    public Map<String, Object> testParams() {
        return params("random", List.of(4096L, 1L << 20), 64);
    }

    @Override
    public List<Map<String, Object>> sweepPoints(Map<String, Object> params) {
        List<Map<String, Object>> points = new ArrayList<>();
        boolean strided = "strided".equals(params.get("pattern"));
        for (long s : workingSets(params)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("workingSetBytes", s);
            if (strided) {
                p.put("strideBytes", Workload.longParam(params, "strideBytes"));
            }
            if ("huge".equals(params.get("thp"))) {
                p.put("thp", "huge"); // a huge-page curve must not be read as the default one
            }
            points.add(p);
        }
        return points;
    }

    /**
     * One warm-up round over the points and as many measurement rounds as the suite has
     * iterations; iterations an eighth as long (62 ms in quick), since each measures one point only.
     */
    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return base.sweep(workingSets(params).size(), 5, 8);
    }

    static List<Long> workingSets(Map<String, Object> params) {
        Object v = params.get("workingSets");
        if (v == null) {
            throw new IllegalArgumentException("missing parameter workingSets");
        }
        List<Long> out = new ArrayList<>();
        for (String s : String.valueOf(v).split(",")) {
            try {
                out.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("workingSets must be byte counts separated by commas, got '" + v + "'");
            }
        }
        return out;
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        requireOneThread(threads, "the pointer chase measures one thread's latency");
        Object pattern = params.get("pattern");
        int slot = 64;
        if ("strided".equals(pattern)) {
            long stride = Workload.longParam(params, "strideBytes");
            if (stride < 8 || Long.bitCount(stride) != 1 || stride > 4096) {
                throw new IllegalArgumentException("strideBytes must be a power of two from 8 to 4096, got " + stride);
            }
            slot = (int) stride;
        } else if (!"random".equals(pattern)) {
            throw new IllegalArgumentException("pattern must be random or strided, got '" + pattern + "'");
        }
        Object thp = params.getOrDefault("thp", "default");
        if (!"default".equals(thp) && !"huge".equals(thp)) {
            throw new IllegalArgumentException("thp must be default (the system's setting) or huge (MADV_HUGEPAGE), got '"
                    + thp + "'");
        }
        if ("huge".equals(thp) && "strided".equals(pattern)) {
            throw new IllegalArgumentException("thp=huge applies to the random pattern only");
        }
        long total = 0;
        for (long s : workingSets(params)) {
            if (s < 2L * slot || s % slot != 0 || s > MAX_WORKING_SET) {
                throw new IllegalArgumentException("working set " + s + " must be a multiple of " + slot
                        + " bytes, at least " + 2 * slot + " and at most " + MAX_WORKING_SET + " (1 GiB)");
            }
            total += s;
        }
        // the links plus two int[] per slot (permutation and reference order) live at once
        long need = total + 8 * total / slot;
        if (sizing.availableMemoryBytes() > 0 && need > sizing.availableMemoryBytes() / 2) {
            throw new IllegalArgumentException("the chase needs " + (need >> 20) + " MiB but only "
                    + (sizing.availableMemoryBytes() >> 20) + " MiB are available; use smaller working sets");
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return 1.0; // PointerChaseBench declares @OperationsPerInvocation(LOADS): JMH's ns/op is ns per load
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        // building the permutations, plus an untimed warm walk before every iteration
        double gb = workingSets(params).stream().mapToLong(Long::longValue).sum() / 1e9;
        return 0.5 + 3 * gb;
    }
}

package org.assay.workloads.storage;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.SizingContext;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.kernel.IoPattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code storage.<pattern>}: file I/O on the file system under {@code --dir}, direct where it is
 * accepted, in fio's terms: {@code blockSize} (fio {@code --bs}), {@code fileBytes} ({@code --size}),
 * the thread count ({@code --numjobs}), {@code queueDepth} ({@code --iodepth}: 1 is the synchronous
 * {@code psync} engine, more is Linux AIO as {@code libaio}, direct I/O only) and for the mix
 * {@code readPercent} ({@code --rwmixread}). Sequential patterns score MB/s
 * (10^6 bytes), the others IOPS; the latency percentiles come from the jobs' HdrHistograms.
 *
 * <p>Sizes per suite: quick measures random 4 KiB reads and writes and sequential 1 MiB reads
 * and writes on a 1 GiB file (large enough that an SSD's DRAM cache of about 1 GB per TB cannot
 * hold it on the drives quick is meant for, small enough to fill in seconds), at one job.
 * Standard adds 128 KiB sequential, the 70/30 mix and fdatasync latency, on 4 GiB, at one job and
 * at a deep queue of up to 32 jobs, and random 4 KiB at queue depth 32 per job; thorough adds 16
 * and 64 KiB random on 16 GiB, and rewrites the file twice before measuring random writes
 * ({@code preconditionPasses}, SNIA's workload-independent preconditioning of the file).
 */
public final class StorageWorkload extends DescribedWorkload {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** The smallest logical block size there is; the run's target check holds blocks to the real one. */
    static final int MIN_BLOCK = 512;
    static final int MAX_BLOCK = 64 << 20;
    /** Deep queue: 32 jobs of synchronous I/O, the depth NVMe drives need to saturate. */
    static final int DEEP_QUEUE = 32;
    /** Linux AIO's default per-context limit is far above; 1024 keeps a typo from queuing millions. */
    static final int MAX_QUEUE_DEPTH = 1024;
    /** SNIA PTS's workload-independent preconditioning: the capacity written twice. */
    static final int PRECONDITION_PASSES = 2;

    private final IoPattern pattern;

    StorageWorkload(IoPattern pattern, String name, String summary) {
        super("storage." + name, 1, "org.assay.workloads.jmh.StorageBench.io",
                pattern.sequential() && !pattern.syncs() ? "MB/s" : "IOPS", true, summary);
        this.pattern = pattern;
    }

    public IoPattern pattern() {
        return pattern;
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        long file = switch (suite) {
            case quick -> 512 * MIB;
            case standard -> 2 * GIB;
            case thorough -> 16 * GIB;
        };
        List<Map<String, Object>> out = new ArrayList<>();
        int passes = suite == Suite.thorough && writes() ? PRECONDITION_PASSES : 0;
        switch (pattern) {
            case SEQ_READ, SEQ_WRITE -> {
                if (suite == Suite.thorough) {
                    out.add(params(128 * 1024, file));
                }
                out.add(params((int) MIB, file));
            }
            case RAND_READ, RAND_WRITE -> {
                out.add(params(4096, file));
                // the deep queue for reads in standard (the device's IOPS ceiling), for writes too in thorough
                if (suite == Suite.thorough || suite == Suite.standard && pattern == IoPattern.RAND_READ) {
                    out.add(params(4096, file, DEEP_QUEUE));
                }
                if (suite == Suite.thorough) {
                    out.add(params(16 * 1024, file));
                    out.add(params(64 * 1024, file));
                }
            }
            case RAND_RW -> {
                if (suite != Suite.quick) {
                    out.add(params(4096, file));
                }
            }
            case SYNC -> {
                if (suite != Suite.quick) {
                    out.add(params(4096, 256 * MIB));
                }
            }
        }
        if (passes > 0) {
            out.forEach(p -> p.put("preconditionPasses", passes));
        }
        return out;
    }

    /**
     * Random writes, whose figures change most between a fresh and a written-through SSD (garbage
     * collection); sequential writes and reads change far less, and each pass costs the file's size.
     */
    private boolean writes() {
        return pattern == IoPattern.RAND_WRITE || pattern == IoPattern.RAND_RW;
    }

    @Override
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        int deep = Math.min(DEEP_QUEUE, sizing.maxThreads());
        if (suite == Suite.quick || pattern == IoPattern.SYNC || deep <= 1) {
            return List.of(1);
        }
        return List.of(1, deep);
    }

    /**
     * Many jobs (fio's numjobs) where they say what one job cannot: 4 KiB random I/O at queue
     * depth 1 and 1 MiB sequential I/O, the device's IOPS and bandwidth ceilings. A deep queue
     * already keeps the device busy from one job, 128 KiB transfers sit between the two 1 MiB
     * figures, and the 70/30 mix is a latency figure: those run at one job.
     */
    @Override
    public List<ScalingLadder.Step> threadSteps(Suite suite, SizingContext sizing, Map<String, Object> params) {
        List<ScalingLadder.Step> all = super.threadSteps(suite, sizing, params);
        long depth = params.containsKey("queueDepth") ? Workload.longParam(params, "queueDepth") : 1;
        long block = params.containsKey("blockSize") ? Workload.longParam(params, "blockSize") : 0;
        // a size given with --param (or a smoke run's test size) is not the suite's: any block size
        boolean anyBlock = !paramSets(suite, sizing).contains(params);
        boolean ceiling = depth == 1 && pattern != IoPattern.RAND_RW
                && ((anyBlock || block == 4096) && (pattern == IoPattern.RAND_READ || pattern == IoPattern.RAND_WRITE)
                    || (anyBlock || block == MIB) && (pattern == IoPattern.SEQ_READ || pattern == IoPattern.SEQ_WRITE));
        return ceiling || all.isEmpty() ? all : all.subList(0, 1);
    }

    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return MeasurementSettings.shortIterations(base);
    }

    private Map<String, Object> params(int blockSize, long fileBytes) {
        return params(blockSize, fileBytes, 1);
    }

    private Map<String, Object> params(int blockSize, long fileBytes, int queueDepth) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pattern", pattern.name());
        p.put("blockSize", blockSize);
        p.put("fileBytes", fileBytes);
        p.put("queueDepth", queueDepth);
        p.put("preconditionPasses", 0);
        if (pattern == IoPattern.RAND_RW) {
            p.put("readPercent", 70);
        }
        return p;
    }

    @Override
    public Map<String, Object> testParams() {
        return params(pattern.sequential() && !pattern.syncs() ? 65536 : 4096, 8 * MIB);
    }

    @Override
    public Set<String> derivedParams() {
        return Set.of("pattern");
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long block = Workload.longParam(params, "blockSize");
        long file = Workload.longParam(params, "fileBytes");
        if (block < MIN_BLOCK || block > MAX_BLOCK || block % MIN_BLOCK != 0) {
            throw new IllegalArgumentException("blockSize " + block + " must be a multiple of " + MIN_BLOCK
                    + " bytes between " + MIN_BLOCK + " and " + MAX_BLOCK + " (e.g. 4096 or 1048576)");
        }
        if (file % block != 0 || file < block * threads) {
            throw new IllegalArgumentException("fileBytes " + file + " must be a multiple of blockSize " + block
                    + " holding at least one block per job (" + threads + " jobs: at least " + block * threads + ")");
        }
        if (file / threads / block > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fileBytes " + file + " gives each job more than " + Integer.MAX_VALUE
                    + " blocks of " + block + "; use a larger blockSize or a smaller file");
        }
        long depth = params.containsKey("queueDepth") ? Workload.longParam(params, "queueDepth") : 1;
        if (depth < 1 || depth > MAX_QUEUE_DEPTH) {
            throw new IllegalArgumentException("queueDepth " + depth + " must be between 1 and " + MAX_QUEUE_DEPTH
                    + " (requests in flight per job, as fio's iodepth)");
        }
        if (depth > 1 && pattern == IoPattern.SYNC) {
            throw new IllegalArgumentException("queueDepth " + depth + ": fdatasync latency is measured one request at a time; use 1");
        }
        if (depth > file / threads / block) {
            throw new IllegalArgumentException("queueDepth " + depth + " exceeds the " + file / threads / block
                    + " blocks of each job's slice; use a larger fileBytes or a smaller depth");
        }
        long passes = params.containsKey("preconditionPasses") ? Workload.longParam(params, "preconditionPasses") : 0;
        if (passes < 0 || passes > 10) {
            throw new IllegalArgumentException("preconditionPasses " + passes + " must be between 0 and 10 (whole-file rewrites before measuring)");
        }
        if (params.containsKey("readPercent")) {
            long mix = Workload.longParam(params, "readPercent");
            if (mix < 0 || mix > 100) {
                throw new IllegalArgumentException("readPercent " + mix + " must be between 0 and 100 (the share of reads, as fio's rwmixread)");
            }
        }
        String p = String.valueOf(params.get("pattern"));
        if (!pattern.name().equals(p)) {
            throw new IllegalArgumentException("pattern " + p + " is not " + id() + "'s " + pattern.name());
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        // ops/s are IOPS; a sequential pattern's MB/s is IOPS x block size / 10^6
        return "MB/s".equals(unit()) ? Workload.longParam(params, "blockSize") / 1e6 : 1.0;
    }

    /** The bytes the test file takes on the file system: what the run checks against free space. */
    public long fileBytes(Map<String, Object> params) {
        return Workload.longParam(params, "fileBytes");
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        // filling (and preconditioning) the file at a modest 300 MB/s, plus opening and the first sync
        long passes = params.containsKey("preconditionPasses") ? Workload.longParam(params, "preconditionPasses") : 0;
        return 0.5 + (1 + passes) * Workload.longParam(params, "fileBytes") / 300e6;
    }
}

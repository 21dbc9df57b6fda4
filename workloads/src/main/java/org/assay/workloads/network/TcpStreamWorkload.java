package org.assay.workloads.network;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.kernel.StreamMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code network.tcp.stream}: loopback TCP stream throughput in Gbit/s (decimal, 10^9 bits/s, as
 * iperf3 reports it), each stream a sender and a receiver on two planned cores; and
 * {@code network.tcp.stream.samecore}, the same with each receiver on its sender's CPU, a separate
 * figure because two threads sharing a core measure the copy and the scheduler, not two cores
 * talking. Params: {@code messageBytes} (one write's size); {@code threads} is two per stream.
 */
final class TcpStreamWorkload extends DescribedWorkload {

    static final List<Long> STANDARD_SIZES = List.of(1L << 10, 128L << 10, 1L << 20);
    static final long QUICK_SIZE = 128L << 10;
    /** Each stream holds a send and a receive buffer of one message, in the fork's direct memory. */
    static final long MAX_BUFFER_BYTES = 256L << 20;
    static final int MAX_STREAMS = 8;

    private final boolean sameCore;

    TcpStreamWorkload(boolean sameCore) {
        super(sameCore ? "network.tcp.stream.samecore" : "network.tcp.stream", 1,
                "org.assay.workloads.jmh.TcpStreamBench.stream", "Gbit/s", true,
                sameCore ? "loopback TCP stream, sender and receiver on one core, Gbit/s (one stream: threads = 2)"
                        : "loopback TCP stream throughput, sender and receiver on two cores, Gbit/s (threads = 2 per stream)");
        this.sameCore = sameCore;
    }

    @Override
    public Set<String> derivedParams() {
        return Set.of("sameCore");
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        if (sizing.maxThreads() < 2) {
            return List.of(); // no two cores for the two ends: nothing to plan (see threadCounts)
        }
        if (suite == Suite.quick) {
            return sameCore ? List.of() : List.of(params(QUICK_SIZE));
        }
        List<Map<String, Object>> sets = new ArrayList<>();
        for (long size : sameCore ? List.of(QUICK_SIZE) : STANDARD_SIZES) {
            sets.add(params(size));
        }
        return sets;
    }

    private Map<String, Object> params(long messageBytes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("messageBytes", messageBytes);
        p.put("sameCore", sameCore);
        return p;
    }

    @Override
    public Map<String, Object> testParams() {
        return params(16L << 10);
    }

    /**
     * Two workers per stream: one stream (quick, and the same-core figure), then 2, 4 and 8
     * streams as far as the placement's cores allow (standard). None on a machine of one core,
     * where no stream has two cores to run on.
     */
    @Override
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        int max = sizing.maxThreads();
        if (max < 2) {
            return List.of();
        }
        if (suite == Suite.quick || sameCore) {
            return List.of(2);
        }
        List<Integer> counts = new ArrayList<>();
        for (int streams = 1; streams <= MAX_STREAMS && 2 * streams <= max; streams *= 2) {
            counts.add(2 * streams);
        }
        return counts;
    }

    /**
     * The streams ladder for the headline size (128 KiB, the quick suite's); the other sizes at one
     * stream, where the message size is what changes the figure (per-call cost against copy
     * bandwidth) and more streams say nothing the headline size's ladder does not.
     */
    @Override
    public List<org.assay.workloads.ScalingLadder.Step> threadSteps(Suite suite, SizingContext sizing,
                                                                     Map<String, Object> params) {
        List<org.assay.workloads.ScalingLadder.Step> all = super.threadSteps(suite, sizing, params);
        Object size = params.get("messageBytes");
        boolean headline = size instanceof Number n && n.longValue() == QUICK_SIZE;
        boolean suiteSize = paramSets(suite, sizing).contains(params);
        return headline || !suiteSize || all.isEmpty() ? all : all.subList(0, 1);
    }

    @Override
    public org.assay.workloads.MeasurementSettings settings(org.assay.workloads.MeasurementSettings base,
                                                            Map<String, Object> params) {
        return org.assay.workloads.MeasurementSettings.shortIterations(base);
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long bytes = NetworkWorkloads.messageBytes(params, StreamMessage.MIN_BYTES,
                StreamMessage.MIN_BYTES + " bytes (a sequence number and two check words)");
        if (threads < 2 || threads % 2 != 0) {
            throw new IllegalArgumentException("a TCP stream runs a sender and a receiver: threads must be 2 per stream "
                    + "(2, 4, ...), got " + threads);
        }
        if (sameCore && threads != 2) {
            // one pair per core is what the figure means; JMH's numbering of several groups'
            // threads is not something the pinning should guess at
            throw new IllegalArgumentException("the same-core figure is one stream, sender and receiver on one CPU: "
                    + "use --threads 2, not " + threads);
        }
        long buffers = 2 * bytes * (threads / 2);
        if (buffers > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException(threads / 2 + " streams of " + bytes + "-byte messages need "
                    + (buffers >> 20) + " MiB of socket buffers in the fork; at most " + (MAX_BUFFER_BYTES >> 20)
                    + " MiB: use fewer streams or smaller messages");
        }
        Object same = params.get("sameCore");
        if (same != null && Boolean.parseBoolean(String.valueOf(same)) != sameCore) {
            throw new IllegalArgumentException("sameCore is fixed by the workload: use " + (sameCore
                    ? "network.tcp.stream for two cores" : "network.tcp.stream.samecore for one core"));
        }
    }

    /** JMH's group score counts every message twice (sent and received): half of it, in bits, / 1e9. */
    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return org.assay.workloads.Workload.longParam(params, "messageBytes") * 8.0 / 1e9 / 2;
    }
}

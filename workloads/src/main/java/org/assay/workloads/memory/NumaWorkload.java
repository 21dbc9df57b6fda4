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
 * {@code memory.numa.latency} (ns per dependent load, a DRAM-sized random chase) and
 * {@code memory.numa.bandwidth} (GB/s, the read kernel at one thread) for every cell of the
 * {@link NumaMatrix}: params {@code cpuNode}, {@code memNode}, and {@code nodes} (how many the
 * machine has; 1 means the matrix is the single local cell, said in the summary and docs).
 *
 * <p>Placement in the fork (NumaBench): the worker moves to the cell's CPU if the planned one is
 * on another node (the pinning report then shows the move), binds its allocations to
 * {@code memNode} with set_mempolicy through JNA, allocates and touches the memory, and returns
 * to the default policy. Where set_mempolicy is refused the memory lands by first touch on the
 * worker's own node, and the cell is local whatever its label: the fork prints that.
 */
final class NumaWorkload extends OneThreadWorkload {

    private final boolean latency;

    NumaWorkload(boolean latency) {
        super(latency ? "memory.numa.latency" : "memory.numa.bandwidth", 1,
                "org.assay.workloads.jmh.NumaBench." + (latency ? "latency" : "bandwidth"),
                latency ? "ns" : "GB/s", !latency,
                latency
                        ? "NUMA matrix of chase latency, CPU node x memory node (1x1 on a single-node machine), ns per load"
                        : "NUMA matrix of read bandwidth at one thread, CPU node x memory node (1x1 on one node), GB/s");
        this.latency = latency;
    }

    /** The matrix's cells come from the topology: a node number the machine lacks would fail in the fork. */
    @Override public java.util.Set<String> derivedParams() { return java.util.Set.of("cpuNode", "memNode", "nodes", "cpu"); }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        long bytes = ChaseWorkload.largestSet(Suite.standard, sizing);
        if (sizing.topology() == null) {
            // a sizes-only context knows no layout: the one cell every machine has
            return List.of(params(new NumaMatrix.Cell(0, 0, -1), 1, bytes));
        }
        // the run's layout (under --root when given), never a second reading of the live machine
        NumaMatrix m = NumaMatrix.of(sizing.topology(), sizing.usableCpus());
        List<Map<String, Object>> sets = new ArrayList<>();
        for (NumaMatrix.Cell c : m.cells()) {
            sets.add(params(c, m.nodes(), bytes));
        }
        return sets;
    }

    private Map<String, Object> params(NumaMatrix.Cell c, int nodes, long bytes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("cpuNode", c.cpuNode());
        p.put("memNode", c.memNode());
        p.put("nodes", nodes);
        p.put("cpu", c.cpu());
        p.put(latency ? "workingSetBytes" : "arrayElements", latency ? bytes : bytes / Double.BYTES);
        return p;
    }

    @Override
    public Map<String, Object> testParams() {
        return params(new NumaMatrix.Cell(0, 0, -1), 1, latency ? 1L << 20 : 1L << 19);
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        requireOneThread(threads, "the NUMA matrix measures one worker per cell");
        long mem = Workload.longParam(params, "memNode"), cpuNode = Workload.longParam(params, "cpuNode");
        if (mem < 0 || cpuNode < 0 || mem >= 64) {
            throw new IllegalArgumentException("cpuNode and memNode must be node numbers 0..63, got " + cpuNode + ", " + mem);
        }
        long bytes = latency ? Workload.longParam(params, "workingSetBytes")
                : Workload.longParam(params, "arrayElements") * Double.BYTES * 3;
        if (latency && (bytes > ChaseWorkload.MAX_WORKING_SET || bytes % 64 != 0 || bytes < 128)) {
            throw new IllegalArgumentException("workingSetBytes must be a multiple of 64 from 128 bytes to 1 GiB, got " + bytes);
        }
        if (sizing.availableMemoryBytes() > 0 && bytes > sizing.availableMemoryBytes() / 2) {
            throw new IllegalArgumentException("the NUMA cell needs " + (bytes >> 20) + " MiB but only "
                    + (sizing.availableMemoryBytes() >> 20) + " MiB are available");
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return latency ? 1.0 // NumaBench.latency declares @OperationsPerInvocation: ns per load
                : 8.0 * Workload.longParam(params, "arrayElements") / 1e9;
    }

    /** Shorter iterations than the suite's: one DRAM-bound number per cell. */
    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return base.shortened(4, 4);
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        return 0.6;
    }
}

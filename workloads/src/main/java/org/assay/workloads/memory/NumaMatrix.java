package org.assay.workloads.memory;

import org.assay.probes.topology.CpuTopology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cells of a NUMA matrix, Intel MLC style: for every node that has CPUs the run may use
 * ({@code cpuNode}), every node with memory ({@code memNode}); the worker runs on the first
 * usable CPU of {@code cpuNode} and its memory is bound to {@code memNode}. On a machine with
 * one node the matrix is 1x1: local latency and bandwidth, nothing to compare them with.
 */
record NumaMatrix(List<Cell> cells, int nodes) {

    /** One measurement: worker on {@code cpu} (on {@code cpuNode}), memory on {@code memNode}. */
    record Cell(int cpuNode, int memNode, int cpu) {
    }

    static NumaMatrix of(CpuTopology topology, List<Integer> usableCpus) {
        Map<Integer, List<Integer>> nodes = topology.numaNodes();
        List<Cell> cells = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> cpuNode : nodes.entrySet()) {
            int cpu = cpuNode.getValue().stream().filter(usableCpus::contains).findFirst().orElse(-1);
            if (cpu < 0) {
                continue; // no CPU of this node may be used: no row for it
            }
            for (int memNode : nodes.keySet()) {
                cells.add(new Cell(cpuNode.getKey(), memNode, cpu));
            }
        }
        return new NumaMatrix(List.copyOf(cells), nodes.size());
    }

    boolean singleNode() {
        return nodes <= 1;
    }
}

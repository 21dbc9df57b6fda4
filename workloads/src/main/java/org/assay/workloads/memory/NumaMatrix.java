package org.assay.workloads.memory;

import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shape of a NUMA matrix, Intel MLC style: one row for every node that has a CPU the run may
 * use ({@code cpuNode}, its worker on the first such CPU off CPU 0's core, where the node has
 * another: interrupts and housekeeping land on CPU 0, as for every single-worker run), one column for every node
 * ({@code memNode}). A row is one invocation: the worker stays on its CPU and measures every
 * column in one fork. On a machine with one node the matrix is 1x1: local latency and bandwidth,
 * nothing to compare them with.
 */
record NumaMatrix(List<Row> rows, List<Integer> memNodes) {

    /** One row: the worker on {@code cpu}, a CPU of {@code cpuNode}. */
    record Row(int cpuNode, int cpu) {
    }

    static NumaMatrix of(CpuTopology topology, List<Integer> usableCpus) {
        Map<Integer, List<Integer>> nodes = topology.numaNodes();
        List<Row> rows = new ArrayList<>();
        List<Integer> cpu0Core = topology.cpu(0).map(LogicalCpu::siblings).orElse(List.of(0));
        for (Map.Entry<Integer, List<Integer>> cpuNode : nodes.entrySet()) {
            List<Integer> usable = cpuNode.getValue().stream().filter(usableCpus::contains).toList();
            int cpu = usable.stream().filter(c -> !cpu0Core.contains(c)).findFirst()
                    .orElse(usable.isEmpty() ? -1 : usable.get(0));
            if (cpu >= 0) {
                rows.add(new Row(cpuNode.getKey(), cpu)); // a node none of whose CPUs may be used has no row
            }
        }
        return new NumaMatrix(List.copyOf(rows), List.copyOf(nodes.keySet()));
    }

    int nodes() {
        return memNodes.size();
    }

    /** The row's CPU for {@code cpuNode}, or -1 when the node has no usable CPU. */
    int cpuOf(int cpuNode) {
        return rows.stream().filter(r -> r.cpuNode() == cpuNode).mapToInt(Row::cpu).findFirst().orElse(-1);
    }
}

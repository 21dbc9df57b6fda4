package org.assay.workloads;

import org.assay.probes.topology.CacheLevel;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** CPU layouts of real machine shapes for the workloads' sizing and scaling tests. */
public final class Layouts {
    private Layouts() {
    }

    /**
     * 2 sockets x 96 cores x 2 threads in Linux numbering (CPU i and i + 192 are siblings), one L3
     * per 8-core CCD, one NUMA node per socket (NPS1) or four (NPS4).
     */
    public static CpuTopology epyc2s(int nodesPerSocket) {
        List<LogicalCpu> cpus = new ArrayList<>();
        for (int id = 0; id < 384; id++) {
            int core = id % 192;
            int socket = core / 96;
            int node = socket * nodesPerSocket + (core % 96) / (96 / nodesPerSocket);
            cpus.add(new LogicalCpu(id, socket, core % 96, node, List.of(core, core + 192)));
        }
        List<List<Integer>> ccds = new ArrayList<>();
        for (int ccd = 0; ccd < 24; ccd++) {
            List<Integer> set = new ArrayList<>();
            for (int c = ccd * 8; c < ccd * 8 + 8; c++) {
                set.add(c);
            }
            for (int c = ccd * 8; c < ccd * 8 + 8; c++) {
                set.add(c + 192);
            }
            ccds.add(set);
        }
        Map<Integer, List<Integer>> nodes = new LinkedHashMap<>();
        for (LogicalCpu c : cpus) {
            nodes.computeIfAbsent(c.numaNode(), k -> new ArrayList<>()).add(c.id());
        }
        CacheLevel l3 = new CacheLevel(3, "Unified", 32L << 20, 64, 16, 24, ccds);
        return new CpuTopology(IntStream.range(0, 384).boxed().toList(), cpus, List.of(l3), nodes, List.of());
    }

}

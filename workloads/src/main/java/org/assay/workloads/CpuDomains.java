package org.assay.workloads;

import org.assay.probes.topology.CacheLevel;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The domains a CPU set divides into, smallest first: physical cores, last-level-cache domains
 * (an L3 on a server: one CCD on EPYC, a socket on Xeon), NUMA nodes and sockets. The scaling
 * ladder takes its step sizes from them and the placement fills or spreads over them, so both
 * read them here, the same way.
 */
public final class CpuDomains {

    /** A kind of domain, nested: each LLC domain lies in one node, each node in one socket. */
    public enum Kind { LLC, NODE, SOCKET }

    private CpuDomains() {
    }

    /**
     * The domains of {@code kind} restricted to {@code within} (sorted CPUs), each as its CPUs in
     * order, domains in order of their lowest CPU; domains with none of those CPUs are left out.
     * A CPU the topology does not place in a domain of that kind forms one domain with the others
     * like it, so no CPU is lost.
     */
    public static List<List<Integer>> of(CpuTopology topology, Kind kind, Collection<Integer> within) {
        Map<Integer, List<Integer>> byKey = new LinkedHashMap<>();
        for (int cpu : new TreeSet<>(within)) {
            byKey.computeIfAbsent(key(topology, kind, cpu), k -> new ArrayList<>()).add(cpu);
        }
        return new ArrayList<>(byKey.values());
    }

    /** Which domain of {@code kind} holds {@code cpu}: a socket, node or LLC-instance number; -1 when unknown. */
    public static int key(CpuTopology topology, Kind kind, int cpu) {
        return switch (kind) {
            case SOCKET -> topology.cpu(cpu).map(LogicalCpu::packageId).orElse(-1);
            case NODE -> topology.cpu(cpu).map(LogicalCpu::numaNode).orElse(-1);
            case LLC -> {
                List<List<Integer>> sets = topology.lastLevelCache().map(CacheLevel::sharedCpuSets).orElse(List.of());
                int found = -1;
                for (int i = 0; i < sets.size() && found < 0; i++) {
                    if (sets.get(i).contains(cpu)) {
                        found = i;
                    }
                }
                yield found;
            }
        };
    }

    /** The last-level cache's level (3 for an L3), or empty when sysfs names none. */
    public static Optional<Integer> llcLevel(CpuTopology topology) {
        return topology.lastLevelCache().map(CacheLevel::level);
    }

    /** The physical cores among {@code cpus}: distinct sibling sets (a CPU without topology is its own core). */
    public static int coreCount(CpuTopology topology, Collection<Integer> cpus) {
        Set<List<Integer>> cores = new HashSet<>();
        for (int cpu : cpus) {
            cores.add(topology.cpu(cpu).map(LogicalCpu::siblings).orElse(List.of(cpu)));
        }
        return cores.size();
    }
}

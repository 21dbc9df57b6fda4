package org.assay.workloads;

import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The worker counts a scaling curve is measured at: 1, 2, 4, 8, … below the maximum, the cores
 * of one last-level-cache domain, of one NUMA node and of one socket, and the maximum. Every
 * count from 1 to N would be 192 invocations per kernel on a 2-socket, 192-core server; the
 * powers of two show the shape of the curve, and the domain sizes are where it bends (a shared
 * L3 filling up, a memory controller saturating, a second socket's bandwidth joining in).
 * Counts are in the placement's units: physical cores, or logical CPUs with {@code --smt}, which
 * is what {@link SizingContext#maxThreads()} counts.
 */
public final class ScalingLadder {
    private ScalingLadder() {
    }

    public static List<Integer> of(SizingContext sizing) {
        int max = sizing.maxThreads();
        TreeSet<Integer> counts = new TreeSet<>();
        for (int t = 1; t < max; t *= 2) {
            counts.add(t);
        }
        counts.add(Math.max(1, max));
        CpuTopology topo = sizing.topology();
        if (topo != null && !sizing.usableCpus().isEmpty()) {
            Set<Integer> allowed = new HashSet<>(sizing.usableCpus());
            topo.lastLevelCache().ifPresent(llc -> addDomain(counts, topo, llc.sharedCpuSets(), allowed, max));
            addDomain(counts, topo, topo.numaNodes().values(), allowed, max);
            List<List<Integer>> sockets = new ArrayList<>();
            topo.cpus().stream().mapToInt(LogicalCpu::packageId).distinct().forEach(p -> sockets.add(
                    topo.cpus().stream().filter(c -> c.packageId() == p).map(LogicalCpu::id).toList()));
            addDomain(counts, topo, sockets, allowed, max);
        }
        return List.copyOf(counts);
    }

    /** Adds the size of the first domain that holds allowed CPUs, in workers the placement counts. */
    private static void addDomain(TreeSet<Integer> counts, CpuTopology topo, Collection<List<Integer>> domains,
                                  Set<Integer> allowed, int max) {
        for (List<Integer> domain : domains) {
            List<Integer> usable = domain.stream().filter(allowed::contains).toList();
            if (usable.isEmpty()) {
                continue;
            }
            // with --smt the placement counts logical CPUs; otherwise one worker per physical core
            boolean logical = max > topo.cores().stream().filter(core -> core.stream().anyMatch(allowed::contains)).count();
            long workers = logical ? usable.size()
                    : usable.stream().map(cpu -> topo.cpu(cpu).map(LogicalCpu::siblings).orElse(List.of(cpu))).distinct().count();
            if (workers > 1 && workers < max) {
                counts.add((int) workers);
            }
            return;
        }
    }
}

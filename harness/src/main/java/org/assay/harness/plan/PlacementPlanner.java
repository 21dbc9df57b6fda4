package org.assay.harness.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;

/**
 * Turns a thread count into one CPU per worker.
 *
 * <p>Rule: one worker per physical core first, cores in order of their lowest CPU in the set, each
 * worker on that CPU; SMT siblings of cores already used only when
 * {@code allowSmtSiblings} ({@code --smt}). Two workers on siblings share one core's execution
 * units and L1/L2, so a per-core figure measured that way is not a per-core figure; the default
 * keeps them apart and refuses a thread count it cannot place, rather than doubling up quietly.
 *
 * <p>A CPU the topology does not describe (no sysfs under the root) counts as its own core, and
 * the plan says so.
 */
public final class PlacementPlanner {

    private PlacementPlanner() {
    }

    /**
     * @param allowed   the CPUs this process may use ({@code AllowedCpus})
     * @param requested the {@code --cpus} list, or null/empty for the whole allowed set
     * @throws PlacementException when a requested CPU is not allowed, the count is below 1, or
     *                            there are not enough cores (or CPUs, with SMT) in the set
     */
    public static PlacementPlan plan(CpuTopology topology, List<Integer> allowed, List<Integer> requested,
                                     int threads, boolean allowSmtSiblings) {
        List<Integer> set = candidateSet(allowed, requested);
        String setText = CpuList.format(set);
        if (threads < 1) {
            throw new PlacementException("thread count must be at least 1 (got " + threads + ")");
        }
        if (set.isEmpty()) {
            throw new PlacementException("no CPUs to run on: the allowed set is empty");
        }
        List<String> notes = new ArrayList<>();
        List<List<Integer>> cores = coresIn(topology, set, notes);

        List<Integer> chosen = new ArrayList<>();
        // Round 0 takes the first CPU of every core; round k the k-th sibling, only with --smt.
        int rounds = allowSmtSiblings ? cores.stream().mapToInt(List::size).max().orElse(1) : 1;
        for (int round = 0; round < rounds && chosen.size() < threads; round++) {
            for (List<Integer> core : cores) {
                if (round < core.size() && chosen.size() < threads) {
                    chosen.add(core.get(round));
                }
            }
        }
        if (chosen.size() < threads) {
            boolean siblingsExist = cores.stream().anyMatch(c -> c.size() > 1);
            if (allowSmtSiblings) {
                throw new PlacementException(threads + " threads requested but only " + set.size()
                        + " logical CPUs in " + setText);
            }
            throw new PlacementException(threads + " threads requested but only " + cores.size()
                    + " physical cores in " + setText
                    + (siblingsExist ? " (pass --smt to use SMT siblings)" : ""));
        }
        if (chosen.size() > cores.size()) {
            notes.add("SMT siblings in use: " + (chosen.size() - cores.size()) + " of " + threads
                    + " workers share a core with another worker");
        }
        noteSiblingsOutsideSet(topology, chosen, set, notes);
        noteNumaSpan(topology, chosen, notes);
        return new PlacementPlan(chosen, notes);
    }

    /**
     * The most workers {@link #plan} accepts for {@code cpus}: its physical cores, or all its
     * logical CPUs when SMT siblings are allowed.
     */
    public static int maxThreads(CpuTopology topology, List<Integer> cpus, boolean allowSmtSiblings) {
        if (allowSmtSiblings) {
            return new TreeSet<>(cpus).size();
        }
        return coresIn(topology, new ArrayList<>(new TreeSet<>(cpus)), new ArrayList<>()).size();
    }

    private static List<Integer> candidateSet(List<Integer> allowed, List<Integer> requested) {
        List<Integer> allowedSorted = new ArrayList<>(new TreeSet<>(allowed));
        if (requested == null || requested.isEmpty()) {
            return allowedSorted;
        }
        List<Integer> req = new ArrayList<>(new TreeSet<>(requested));
        for (int c : req) {
            if (!allowedSorted.contains(c)) {
                throw new PlacementException("--cpus " + CpuList.format(req) + ": CPU " + c
                        + " is not in the allowed set " + CpuList.format(allowedSorted));
            }
        }
        return req;
    }

    /** The set's CPUs grouped by physical core, cores ordered by their lowest CPU in the set. */
    private static List<List<Integer>> coresIn(CpuTopology topology, List<Integer> set, List<String> notes) {
        Map<List<Integer>, List<Integer>> byCore = new LinkedHashMap<>();
        List<Integer> unknown = new ArrayList<>();
        for (int cpu : set) {   // set is sorted, so cores appear in order of their lowest CPU
            List<Integer> siblings = topology.cpu(cpu).map(LogicalCpu::siblings).orElse(null);
            if (siblings == null) {
                unknown.add(cpu);
                siblings = List.of(cpu);
            }
            byCore.computeIfAbsent(siblings, k -> new ArrayList<>()).add(cpu);
        }
        if (!unknown.isEmpty()) {
            notes.add("no topology for CPU " + CpuList.format(unknown) + ": each counted as its own core");
        }
        return new ArrayList<>(byCore.values());
    }

    private static void noteSiblingsOutsideSet(CpuTopology topology, List<Integer> chosen, List<Integer> set,
                                               List<String> notes) {
        TreeSet<Integer> outside = new TreeSet<>();
        for (int cpu : chosen) {
            topology.cpu(cpu).ifPresent(c -> c.siblings().stream().filter(s -> !set.contains(s)).forEach(outside::add));
        }
        if (!outside.isEmpty()) {
            notes.add("SMT siblings " + CpuList.format(outside) + " of the workers' cores are outside the CPU set: "
                    + "anything running there shares those cores");
        }
    }

    private static void noteNumaSpan(CpuTopology topology, List<Integer> chosen, List<String> notes) {
        TreeSet<Integer> nodes = new TreeSet<>();
        for (int cpu : chosen) {
            topology.cpu(cpu).ifPresent(c -> nodes.add(c.numaNode()));
        }
        nodes.remove(-1);
        if (nodes.size() > 1) {
            notes.add("workers span NUMA nodes " + CpuList.format(nodes)
                    + ": memory placement (first touch) decides which node serves each worker");
        }
    }
}

package org.assay.harness.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;
import org.assay.workloads.CpuDomains;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.WorkerPlacement;

/**
 * Turns a step of the scaling ladder into one CPU per worker (docs/placement.md, "The plan").
 *
 * <p>Rules, in order:
 * <ol>
 * <li><b>Cores before siblings.</b> One worker per physical core; SMT siblings of cores already
 * used only with {@code --smt} or in the all-hardware-threads step. Two workers on siblings share
 * one core's execution units and L1/L2, so a per-core figure measured that way is not a per-core
 * figure; the default keeps them apart and refuses a count it cannot place, rather than doubling
 * up quietly.</li>
 * <li><b>Away from CPU 0.</b> Below all cores, the core of CPU 0 (CPU 0 and its SMT sibling) is
 * taken last: interrupts, timers, RCU callbacks and most housekeeping threads land there, so a
 * single worker on CPU 0 measures the kernel's chores too. At all cores it is one core among
 * all and is used.</li>
 * <li><b>Domain steps stay in one domain.</b> "One L3", "one node" and "one socket" put their
 * workers in the first domain of that kind that holds them without CPU 0's core, else the first
 * that holds them: the step is a statement about one domain, and CPU 0's domain is the one with
 * the noise.</li>
 * <li><b>Compact counts pack</b> ({@link WorkerPlacement#COMPACT}): a bare count (2, 4, 16…) goes
 * into the smallest domain that holds it (one LLC, else one node, else one socket, else the
 * set), filled one whole LLC domain after another, the LLC of CPU 0 after all the others:
 * 16 workers on 8-core CCDs are two whole CCDs, not 7 + 8 + 1.</li>
 * <li><b>Bandwidth counts spread</b> ({@link WorkerPlacement#SPREAD}): workers dealt round-robin
 * over sockets, then the nodes of each socket, then LLC domains, then cores, as STREAM's
 * {@code OMP_PROC_BIND=spread}: 2 workers load two sockets' memory controllers, 8 workers on
 * an 8-node machine one per node.</li>
 * </ol>
 *
 * <p>A CPU the topology does not describe (no sysfs under the root) counts as its own core, in
 * no known domain, and the plan says so.
 */
public final class PlacementPlanner {

    /** The CPU whose core housekeeping lands on (interrupts, timers, kernel threads). */
    static final int HOUSEKEEPING_CPU = 0;

    private PlacementPlanner() {
    }

    /** A bare count, packed: {@link #plan(CpuTopology, List, List, ScalingLadder.Step, WorkerPlacement, boolean)}. */
    public static PlacementPlan plan(CpuTopology topology, List<Integer> allowed, List<Integer> requested,
                                     int threads, boolean allowSmtSiblings) {
        return plan(topology, allowed, requested, ScalingLadder.Step.count(threads), WorkerPlacement.COMPACT,
                allowSmtSiblings);
    }

    /**
     * @param allowed   the CPUs this process may use ({@code AllowedCpus})
     * @param requested the {@code --cpus} list, or null/empty for the whole allowed set
     * @param step      how many workers, and what they cover (a domain, all cores, all hardware threads)
     * @param how       compact or spread, for a bare count
     * @throws PlacementException when a requested CPU is not allowed, the count is below 1, or
     *                            there are not enough cores (or CPUs, with SMT) in the set
     */
    public static PlacementPlan plan(CpuTopology topology, List<Integer> allowed, List<Integer> requested,
                                     ScalingLadder.Step step, WorkerPlacement how, boolean allowSmtSiblings) {
        List<Integer> set = candidateSet(allowed, requested);
        String setText = CpuList.format(set);
        int threads = step.workers();
        if (threads < 1) {
            throw new PlacementException("thread count must be at least 1 (got " + threads + ")");
        }
        if (set.isEmpty()) {
            throw new PlacementException("no CPUs to run on: the allowed set is empty");
        }
        List<String> notes = new ArrayList<>();
        List<Core> cores = coresIn(topology, set, notes);
        boolean siblings = allowSmtSiblings || step.allHardwareThreads();

        List<Core> order = order(topology, cores, step, how, siblings);
        List<Integer> chosen = new ArrayList<>();
        // Round 0 takes the first CPU of every core in order; round k the k-th sibling, only with siblings allowed.
        int rounds = siblings ? cores.stream().mapToInt(c -> c.cpus().size()).max().orElse(1) : 1;
        for (int round = 0; round < rounds && chosen.size() < threads; round++) {
            for (Core core : order) {
                if (round < core.cpus().size() && chosen.size() < threads) {
                    chosen.add(core.cpus().get(round));
                }
            }
        }
        if (chosen.size() < threads) {
            boolean siblingsExist = cores.stream().anyMatch(c -> c.cpus().size() > 1);
            if (siblings) {
                throw new PlacementException(threads + " threads requested but only " + set.size()
                        + " logical CPUs in " + setText);
            }
            throw new PlacementException(threads + " threads requested but only " + cores.size()
                    + " physical cores in " + setText
                    + (siblingsExist ? " (pass --smt to use SMT siblings)" : ""));
        }
        int shared = chosen.size() - (int) cores.stream().filter(c -> c.cpus().stream().anyMatch(chosen::contains)).count();
        if (shared > 0) {
            notes.add("SMT siblings in use: " + shared + " of " + threads
                    + " workers share a core with another worker");
        }
        noteSiblingsOutsideSet(topology, chosen, set, notes);
        noteNumaSpan(topology, chosen, notes);
        return new PlacementPlan(chosen, notes);
    }

    /**
     * The cores in the order workers take them: the region the step allows (one domain, or the
     * whole set), laid out compact or spread, CPU 0's core last.
     */
    private static List<Core> order(CpuTopology topology, List<Core> cores, ScalingLadder.Step step,
                                     WorkerPlacement how, boolean siblings) {
        if (step.allHardwareThreads() || step.workers() >= capacity(cores, siblings)) {
            return cores; // every core is used: worker i on the i-th core, CPU 0's among them
        }
        Core housekeeping = cores.stream().filter(Core::housekeeping).findFirst().orElse(null);
        List<Core> region = cores;
        Optional<CpuDomains.Kind> domain = step.domain();
        if (domain.isPresent()) {
            region = firstDomainHolding(topology, cores, domain.get(), step.workers(), siblings).orElse(cores);
        } else if (how == WorkerPlacement.COMPACT) {
            for (CpuDomains.Kind kind : CpuDomains.Kind.values()) {
                Optional<List<Core>> found = firstDomainHolding(topology, cores, kind, step.workers(), siblings);
                if (found.isPresent()) {
                    region = found.get();
                    break;
                }
            }
        }
        List<Core> rest = new ArrayList<>(region);
        rest.remove(housekeeping);
        List<Core> ordered = how == WorkerPlacement.SPREAD && domain.isEmpty()
                ? spread(topology, rest, 0)
                : compact(topology, rest, housekeeping);
        if (housekeeping != null && region.contains(housekeeping)) {
            ordered.add(housekeeping);
        }
        return ordered;
    }

    /** Workers a list of cores holds: its cores, or its CPUs when siblings may be used. */
    private static int capacity(List<Core> cores, boolean siblings) {
        return siblings ? cores.stream().mapToInt(c -> c.cpus().size()).sum() : cores.size();
    }

    /**
     * The cores of the first domain of {@code kind} that holds {@code workers} without CPU 0's
     * core, else of the first that holds them with it; empty when none does.
     */
    private static Optional<List<Core>> firstDomainHolding(CpuTopology topology, List<Core> cores, CpuDomains.Kind kind,
                                                           int workers, boolean siblings) {
        Map<Integer, List<Core>> domains = new LinkedHashMap<>();
        for (Core c : cores) {
            domains.computeIfAbsent(CpuDomains.key(topology, kind, c.first()), k -> new ArrayList<>()).add(c);
        }
        domains.remove(-1); // CPUs of no known domain are no domain to stay inside
        for (boolean avoidHousekeeping : new boolean[] {true, false}) {
            for (List<Core> d : domains.values()) {
                List<Core> usable = avoidHousekeeping ? d.stream().filter(c -> !c.housekeeping()).toList() : d;
                if (capacity(usable, siblings) >= workers) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Packed order: node by node, and in each node whole LLC domains one after another, except
     * that the LLC holding CPU 0's core comes after all the others (so that it is not the one
     * left part-used: 16 workers on 8-core CCDs are CCDs 1 and 2, not 7 cores of CCD 0 and 9 more).
     */
    private static List<Core> compact(CpuTopology topology, List<Core> cores, Core housekeeping) {
        int housekeepingLlc = housekeeping == null ? -1
                : CpuDomains.key(topology, CpuDomains.Kind.LLC, housekeeping.first());
        List<Core> out = new ArrayList<>();
        List<Core> later = new ArrayList<>();
        for (List<Core> node : group(topology, cores, CpuDomains.Kind.NODE)) {
            for (List<Core> llc : group(topology, node, CpuDomains.Kind.LLC)) {
                boolean holdsHousekeeping = housekeepingLlc >= 0
                        && CpuDomains.key(topology, CpuDomains.Kind.LLC, llc.get(0).first()) == housekeepingLlc;
                (holdsHousekeeping ? later : out).addAll(llc);
            }
        }
        out.addAll(later);
        return out;
    }

    private static final CpuDomains.Kind[] SPREAD_LEVELS = {CpuDomains.Kind.SOCKET, CpuDomains.Kind.NODE, CpuDomains.Kind.LLC};

    /** Round-robin order: one core from each socket in turn, within a socket from each node in turn, and so on down to cores. */
    private static List<Core> spread(CpuTopology topology, List<Core> cores, int level) {
        if (level == SPREAD_LEVELS.length) {
            return new ArrayList<>(cores);
        }
        List<List<Core>> parts = new ArrayList<>();
        for (List<Core> g : group(topology, cores, SPREAD_LEVELS[level])) {
            parts.add(spread(topology, g, level + 1));
        }
        List<Core> out = new ArrayList<>();
        for (int i = 0; out.size() < cores.size(); i++) {
            for (List<Core> p : parts) {
                if (i < p.size()) {
                    out.add(p.get(i));
                }
            }
        }
        return out;
    }

    /** Cores grouped by their domain of {@code kind}, groups and cores in order. */
    private static List<List<Core>> group(CpuTopology topology, List<Core> cores, CpuDomains.Kind kind) {
        Map<Integer, List<Core>> byKey = new LinkedHashMap<>();
        for (Core c : cores) {
            byKey.computeIfAbsent(CpuDomains.key(topology, kind, c.first()), k -> new ArrayList<>()).add(c);
        }
        return new ArrayList<>(byKey.values());
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

    /**
     * A physical core: its CPUs in the set (lowest first), and whether it is CPU 0's core (the
     * topology's sibling set holding CPU 0, which may be outside the set).
     */
    private record Core(List<Integer> cpus, boolean housekeeping) {
        int first() {
            return cpus.get(0);
        }
    }

    /** The set's CPUs grouped by physical core, cores ordered by their lowest CPU in the set. */
    private static List<Core> coresIn(CpuTopology topology, List<Integer> set, List<String> notes) {
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
        List<Core> cores = new ArrayList<>();
        byCore.forEach((siblings, cpus) -> cores.add(new Core(cpus, siblings.contains(HOUSEKEEPING_CPU))));
        return cores;
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

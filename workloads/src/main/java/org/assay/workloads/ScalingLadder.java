package org.assay.workloads;

import org.assay.probes.topology.CpuTopology;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The worker counts a scaling curve is measured at, each a {@link Step} that knows what it is:
 * 1, 2, 4, 8, … (powers of two), the cores of one last-level-cache domain, of one NUMA node and
 * of one socket, all cores, and all hardware threads. Every count from 1 to N would be 192
 * invocations per kernel on a 2-socket, 192-core server; the powers of two show the shape of the
 * curve, and the domain sizes are where it bends (a shared L3 filling up, a memory controller
 * saturating, a second socket's bandwidth joining in, SMT siblings sharing a core).
 *
 * <p>Counts are in the placement's units: physical cores, or logical CPUs with {@code --smt},
 * which is what {@link SizingContext#maxThreads()} counts. The all-hardware-threads step is the
 * one step (besides {@code --smt}) that puts workers on SMT siblings: one worker on every
 * logical CPU of the set, the figure a run with as many threads as {@code nproc} gets.
 *
 * <p>Three ladders: {@link #ends} (1 and all cores: the quick suite, and the sizes that are not
 * a kernel's headline), {@link #standard} (powers of two only up to one LLC domain, then the
 * domain steps) and {@link #full} (powers of two all the way, and the domain steps).
 */
public final class ScalingLadder {
    private ScalingLadder() {
    }

    /** What a step's workers cover. A step has one or more (one node = one socket on NPS1). */
    public enum Scope {
        /** A power of two (or a count given with {@code --threads}) that is no domain. */
        COUNT,
        /** The cores of one last-level-cache domain. */
        LLC,
        /** The cores of one NUMA node. */
        NODE,
        /** The cores of one socket. */
        SOCKET,
        /** One worker per physical core of the set. */
        ALL_CORES,
        /** One worker per logical CPU of the set, SMT siblings included. */
        ALL_THREADS
    }

    /**
     * One step of the ladder.
     *
     * @param workers how many workers
     * @param scopes  what they cover, in {@link Scope} order; just {@link Scope#COUNT} for a bare count
     * @param label   how a reader sees it: {@code 4}, {@code one L3 (8)}, {@code one node = one socket (96)},
     *                {@code all hardware threads (384)}
     */
    public record Step(int workers, List<Scope> scopes, String label) {
        public Step {
            scopes = List.copyOf(scopes);
        }

        /** A bare count: no domain, placed by the workload's own rule. */
        public static Step count(int workers) {
            return new Step(workers, List.of(Scope.COUNT), String.valueOf(workers));
        }

        /** The smallest domain the workers must stay inside, if the step is a domain step. */
        public Optional<CpuDomains.Kind> domain() {
            if (scopes.contains(Scope.LLC)) {
                return Optional.of(CpuDomains.Kind.LLC);
            }
            if (scopes.contains(Scope.NODE)) {
                return Optional.of(CpuDomains.Kind.NODE);
            }
            return scopes.contains(Scope.SOCKET) ? Optional.of(CpuDomains.Kind.SOCKET) : Optional.empty();
        }

        /** True for the all-hardware-threads step, whose workers go on SMT siblings too. */
        public boolean allHardwareThreads() {
            return scopes.contains(Scope.ALL_THREADS);
        }
    }

    /** The suite's ladder for a kernel's headline size: quick {@link #ends}, standard {@link #standard}, thorough {@link #full}. */
    public static List<Step> forSuite(Suite suite, SizingContext sizing) {
        return switch (suite) {
            case quick -> ends(sizing);
            case standard -> standard(sizing);
            case thorough -> full(sizing);
        };
    }

    /** 1 worker and all cores (N), for one figure per core and one for the machine. */
    public static List<Step> ends(SizingContext sizing) {
        Map<Integer, Set<Scope>> steps = new TreeMap<>();
        add(steps, 1, Scope.COUNT);
        add(steps, allCores(sizing), Scope.ALL_CORES);
        return build(steps, sizing);
    }

    /**
     * 1 and 2 workers (two cores sharing one LLC domain, where sharing first shows), then one LLC
     * domain, one node, one socket, all cores and all hardware threads. The domains are the steps
     * a reader compares, and each power of two between them costs a whole invocation per kernel
     * (minutes of a 2-socket server's standard run); {@link #full} has them.
     */
    public static List<Step> standard(SizingContext sizing) {
        Map<Integer, Set<Scope>> steps = domainSteps(sizing);
        java.util.OptionalInt llc = steps.entrySet().stream().filter(e -> e.getValue().contains(Scope.LLC))
                .mapToInt(Map.Entry::getKey).findFirst();
        // with no LLC domain known the powers of two are all the ladder has between 1 and N
        powersBelow(steps, llc.isPresent() ? Math.min(llc.getAsInt(), 3) : sizing.maxThreads());
        return build(steps, sizing);
    }

    /** Every power of two below N and every domain step. */
    public static List<Step> full(SizingContext sizing) {
        Map<Integer, Set<Scope>> steps = domainSteps(sizing);
        powersBelow(steps, sizing.maxThreads());
        return build(steps, sizing);
    }

    /**
     * The step {@code --threads n} stands for: the full ladder's step of that count when there is
     * one (so {@code --threads 8} on an 8-core CCD is placed as one L3), else a bare count. The
     * all-hardware-threads step is not matched: without {@code --smt}, a count above the cores
     * is refused as it always was.
     */
    public static Step forCount(int workers, SizingContext sizing) {
        if (workers == 1 && sizing.maxThreads() > 1) {
            return Step.count(1); // the one-thread workloads ask for it per parameter set: no ladder to build
        }
        for (Step s : full(sizing)) {
            if (s.workers() == workers && !s.allHardwareThreads()) {
                return s;
            }
        }
        return Step.count(workers);
    }

    public static List<Integer> counts(List<Step> steps) {
        return steps.stream().map(Step::workers).toList();
    }

    private static void powersBelow(Map<Integer, Set<Scope>> steps, int limit) {
        for (int t = 1; t < limit; t *= 2) {
            add(steps, t, Scope.COUNT);
        }
    }

    /** The domain sizes, all cores and all hardware threads. */
    private static Map<Integer, Set<Scope>> domainSteps(SizingContext sizing) {
        Map<Integer, Set<Scope>> steps = new TreeMap<>();
        add(steps, 1, Scope.COUNT);
        int max = sizing.maxThreads();
        int cores = allCores(sizing);
        CpuTopology topo = sizing.topology();
        if (topo != null && !sizing.usableCpus().isEmpty()) {
            boolean logical = max > cores; // --smt: the placement counts logical CPUs
            for (CpuDomains.Kind kind : CpuDomains.Kind.values()) {
                List<List<Integer>> domains = CpuDomains.of(topo, kind, sizing.usableCpus());
                if (domains.isEmpty()) {
                    continue;
                }
                List<Integer> first = domains.get(0);
                int workers = logical ? first.size() : CpuDomains.coreCount(topo, first);
                if (workers > 1 && workers < max) { // a domain of the whole set is the all-cores step
                    add(steps, workers, scope(kind));
                }
            }
        }
        // with --smt a domain of as many CPUs as there are cores (one node, siblings included)
        // is another placement than one worker per core: the domain keeps the count
        if (!steps.containsKey(cores) || cores == max) {
            add(steps, cores, Scope.ALL_CORES);
        }
        if (topo != null && sizing.usableCpus().size() > cores) {
            add(steps, sizing.usableCpus().size(), Scope.ALL_THREADS);
        }
        return steps;
    }

    /** Physical cores in the set: N without {@code --smt}; fewer than N with it. */
    private static int allCores(SizingContext sizing) {
        int max = Math.max(1, sizing.maxThreads());
        CpuTopology topo = sizing.topology();
        if (topo == null || sizing.usableCpus().isEmpty()) {
            return max;
        }
        return Math.min(max, CpuDomains.coreCount(topo, sizing.usableCpus()));
    }

    private static Scope scope(CpuDomains.Kind kind) {
        return switch (kind) {
            case LLC -> Scope.LLC;
            case NODE -> Scope.NODE;
            case SOCKET -> Scope.SOCKET;
        };
    }

    private static void add(Map<Integer, Set<Scope>> steps, int workers, Scope scope) {
        steps.computeIfAbsent(workers, k -> EnumSet.noneOf(Scope.class)).add(scope);
    }

    private static List<Step> build(Map<Integer, Set<Scope>> steps, SizingContext sizing) {
        String llc = "one L" + Optional.ofNullable(sizing.topology()).flatMap(CpuDomains::llcLevel).orElse(3);
        List<Step> out = new ArrayList<>();
        steps.forEach((workers, scopes) -> {
            Set<Scope> named = EnumSet.copyOf(scopes);
            named.remove(Scope.COUNT);
            List<String> names = new ArrayList<>();
            for (Scope s : named) {
                names.add(switch (s) {
                    case LLC -> llc;
                    case NODE -> "one node";
                    case SOCKET -> "one socket";
                    case ALL_CORES -> "all cores";
                    case ALL_THREADS -> "all hardware threads";
                    case COUNT -> throw new IllegalStateException();
                });
            }
            out.add(named.isEmpty() ? Step.count(workers)
                    : new Step(workers, List.copyOf(named), String.join(" = ", names) + " (" + workers + ")"));
        });
        return List.copyOf(out);
    }
}

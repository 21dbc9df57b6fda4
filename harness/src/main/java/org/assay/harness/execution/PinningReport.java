package org.assay.harness.execution;

import org.assay.probes.topology.CacheLevel;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;
import org.assay.results.InvocationResult;
import org.assay.results.WorkerPlacement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the workers of one invocation reported about their placement, written by
 * {@code WorkerPinning} inside the forks: {@code worker,requested,observed,phase,detail}, phase
 * {@code setup}, {@code iteration}, {@code point N} (an iteration of sweep point N, whose
 * requested CPU is the point's own) or {@code teardown}; an observed CPU of -1 is a failed
 * {@code sched_getcpu}, no reading.
 *
 * <p>A worker is {@code misplaced} when any of its readings differs from the CPU that line
 * requested, {@code unknown} when it gave no reading or had no CPU planned.
 *
 * @param observedCpus per worker, the CPU it measured on: its first iteration-edge reading when it
 *                     reported one, else where it ran right after pinning (the bundle's {@code cpus})
 * @param problems     one line per mismatch or fork-side failure ({@code settings.placementProblems})
 * @param workers      per worker, planned against observed, located in the run's topology
 * @param points       per sweep point that reported its own CPU: its workers' placement
 */
record PinningReport(List<Integer> observedCpus, List<String> problems, List<WorkerPlacement> workers,
                     Map<Integer, List<WorkerPlacement>> points) {

    /** Readings of one worker (in one point, or over the fork), in file order. */
    private static final class Readings {
        Integer requested;
        Integer setup;
        Integer teardown;
        final Set<Integer> measured = new LinkedHashSet<>();
        String firstMismatch;
    }

    static PinningReport read(Path file, List<Integer> requested) throws IOException {
        return read(file, requested, null);
    }

    /** @param topology the run's layout, to locate each planned CPU; null leaves the location fields null */
    static PinningReport read(Path file, List<Integer> requested, CpuTopology topology) throws IOException {
        List<String> problems = new ArrayList<>();
        TreeMap<Integer, Readings> byWorker = new TreeMap<>();
        TreeMap<Integer, TreeMap<Integer, Readings>> byPoint = new TreeMap<>();
        if (!Files.exists(file)) {
            problems.add("no worker reported its CPU: placement unknown");
        } else {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", 5);
                if (f.length < 4) {
                    continue;
                }
                int worker = Integer.parseInt(f[0]);
                int req = Integer.parseInt(f[1]);
                int obs = Integer.parseInt(f[2]);
                String phase = f[3].trim();
                String detail = f.length > 4 ? f[4].trim() : "";
                Readings fork = byWorker.computeIfAbsent(worker, w -> new Readings());
                Readings r = fork;
                if (phase.startsWith("point ")) {
                    int point = Integer.parseInt(phase.substring(6).trim());
                    r = byPoint.computeIfAbsent(point, p -> new TreeMap<>()).computeIfAbsent(worker, w -> new Readings());
                    r.requested = req >= 0 ? req : null;
                }
                if (obs >= 0) {
                    switch (phase) {
                        case "setup" -> r.setup = r.setup == null ? obs : r.setup;
                        case "teardown" -> r.teardown = obs;
                        default -> r.measured.add(obs);
                    }
                }
                if (req >= 0 && obs != req) {
                    String p = "worker " + worker + " planned on CPU " + req + " ran on CPU " + obs + " (" + phase + ")";
                    if (!problems.contains(p)) {
                        problems.add(p);
                    }
                    if (r.firstMismatch == null) {
                        r.firstMismatch = p;
                    }
                    if (fork.firstMismatch == null) {
                        fork.firstMismatch = p; // a point placed elsewhere misplaces the worker too
                    }
                }
                if (!detail.isEmpty()) {
                    if (!problems.contains(detail)) {
                        problems.add(detail);
                    }
                    if (fork.firstMismatch == null) {
                        fork.firstMismatch = detail;
                    }
                }
            }
        }
        List<Integer> observed = new ArrayList<>();
        for (Readings r : byWorker.values()) {
            Integer measuredOn = !r.measured.isEmpty() ? r.measured.iterator().next() : r.setup;
            observed.add(measuredOn == null ? -1 : measuredOn);
        }
        if (Files.exists(file) && byWorker.size() != requested.size()) {
            problems.add(byWorker.size() + " of " + requested.size() + " workers reported their CPU");
        }
        int count = Math.max(requested.size(), byWorker.isEmpty() ? 0 : byWorker.lastKey() + 1);
        List<WorkerPlacement> workers = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            Integer planned = w < requested.size() && requested.get(w) >= 0 ? requested.get(w) : null;
            workers.add(placement(w, planned, byWorker.get(w), byWorker.get(w), topology));
        }
        Map<Integer, List<WorkerPlacement>> points = new TreeMap<>();
        byPoint.forEach((point, ws) -> {
            List<WorkerPlacement> list = new ArrayList<>();
            ws.forEach((w, r) -> list.add(placement(w, r.requested, r, byWorker.get(w), topology)));
            points.put(point, list);
        });
        return new PinningReport(observed, problems, workers, points);
    }

    /**
     * A sweep point's result placed on the CPUs its own iterations requested and ran on, where the
     * fork reported them per point; the result unchanged otherwise.
     */
    InvocationResult placePoint(InvocationResult point) {
        Object j = point.settings() == null ? null : point.settings().get("sweepPoint");
        List<WorkerPlacement> own = j instanceof Number n ? points.get(n.intValue()) : null;
        if (own == null || own.isEmpty()) {
            return point;
        }
        List<Integer> req = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (WorkerPlacement w : own) {
            req.add(w.plannedCpu() == null ? -1 : w.plannedCpu());
            seen.add(w.measuredCpus().isEmpty() ? -1 : w.measuredCpus().get(0));
        }
        return point.toBuilder().requestedCpus(req).cpus(seen).placement(own).build();
    }

    /**
     * @param r    the readings that decide the verdict (the fork's, or one point's)
     * @param fork the worker's fork-level readings, for its set-up and tear-down CPUs
     */
    private static WorkerPlacement placement(int worker, Integer planned, Readings r, Readings fork,
                                             CpuTopology topology) {
        Optional<LogicalCpu> cpu = planned == null || topology == null ? Optional.empty() : topology.cpu(planned);
        String core = cpu.map(c -> CpuList.format(c.siblings())).orElse(null);
        String llc = planned == null || topology == null ? null : llcOf(topology, planned);
        Integer node = cpu.map(LogicalCpu::numaNode).filter(n -> n >= 0).orElse(null);
        Integer socket = cpu.map(LogicalCpu::packageId).filter(p -> p >= 0).orElse(null);
        if (r == null) {
            return new WorkerPlacement(worker, planned, core, llc, node, socket, null, List.of(), null,
                    WorkerPlacement.UNKNOWN, "worker " + worker + " did not report its CPU");
        }
        Integer setup = fork == null ? null : fork.setup;
        Integer teardown = fork == null ? null : fork.teardown;
        boolean anyReading = setup != null || teardown != null || !r.measured.isEmpty();
        String verdict;
        String problem = r.firstMismatch;
        if (planned == null) {
            verdict = WorkerPlacement.UNKNOWN;
            problem = problem != null ? problem : "no CPU planned for worker " + worker;
        } else if (!anyReading) {
            verdict = WorkerPlacement.UNKNOWN;
            problem = problem != null ? problem : "worker " + worker + " could not read its CPU";
        } else {
            boolean elsewhere = r.firstMismatch != null || r.measured.stream().anyMatch(c -> !c.equals(planned));
            verdict = elsewhere ? WorkerPlacement.MISPLACED : WorkerPlacement.AS_PLANNED;
            problem = !elsewhere ? null : problem != null ? problem
                    : "worker " + worker + " planned on CPU " + planned + " was seen on CPU "
                    + CpuList.format(r.measured);
        }
        return new WorkerPlacement(worker, planned, core, llc, node, socket, setup, new ArrayList<>(r.measured),
                teardown, verdict, problem);
    }

    /** The CPUs sharing {@code cpu}'s last-level cache instance, in list syntax; null when unknown. */
    private static String llcOf(CpuTopology topology, int cpu) {
        Optional<CacheLevel> llc = topology.lastLevelCache();
        if (llc.isEmpty()) {
            return null;
        }
        return llc.get().sharedCpuSets().stream().filter(s -> s.contains(cpu)).findFirst()
                .map(CpuList::format).orElse(null);
    }
}

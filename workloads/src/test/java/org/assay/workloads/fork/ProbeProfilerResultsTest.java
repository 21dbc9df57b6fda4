package org.assay.workloads.fork;

import net.openhft.affinity.Affinity;
import org.assay.probes.IterationMeter;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The names and values of the profiler's results: what was measured on the workers, and what was not. */
class ProbeProfilerResultsTest {

    private static final Map<String, Boolean> ALL = Map.of("rapl.energy", true, "thermal", true, "frequency", true,
            "throttle", true, "perf.counters", true);

    private static Map<String, Double> byName(List<Result> rs) {
        return rs.stream().collect(Collectors.toMap(Result::getLabel, Result::getScore, (a, b) -> a, LinkedHashMap::new));
    }

    private static IterationMeter.IterationReading reading(boolean onWorkers, String clockSource,
                                                          Map<Integer, Double> packages, double idle) {
        double joules = packages.values().stream().mapToDouble(Double::doubleValue).sum();
        return new IterationMeter.IterationReading(1.004, joules, packages, idle, 61, 3390, clockSource, onWorkers,
                0, 1.7, 3);
    }

    @Test
    void workerFiguresKeepTheirNamesAndTheEnergySaysWhichPackagesItHolds() {
        Map<String, Double> r = byName(ProbeProfiler.results(reading(true, "aperf_mperf", Map.of(1, 200.0), 0),
                1_000_000, 1.0, ALL));
        assertEquals(200.0, r.get("probe.energy"));
        assertEquals(200.0, r.get("probe.energy.package1"));
        assertFalse(r.containsKey("probe.energy.package0"), "socket 0 holds no worker: " + r);
        assertEquals(0.0, r.get("probe.energy.idlePackages"));
        assertEquals(2e-4, r.get("probe.energy.perOp"), 1e-12);
        assertEquals(3390.0, r.get("probe.clock"));
        assertEquals(1.7, r.get("probe.ipc"));
        assertEquals(4.0, r.get("probe.window.excess"), 1e-9, "ms of the window outside the timed second");
    }

    @Test
    void workersSpanningPackagesListBothAndAnUnsplittableCounterSaysItHoldsAnIdlePackage() {
        Map<String, Double> span = byName(ProbeProfiler.results(reading(true, "aperf_mperf", Map.of(0, 10.0, 1, 30.0), 0),
                100, 1.0, ALL));
        assertEquals(40.0, span.get("probe.energy"));
        assertEquals(10.0, span.get("probe.energy.package0"));
        assertEquals(30.0, span.get("probe.energy.package1"));
        Map<String, Double> one = byName(ProbeProfiler.results(reading(true, "aperf_mperf", Map.of(-1, 250.0), 1),
                100, 1.0, ALL));
        assertEquals(250.0, one.get("probe.energy.packageUnknown"));
        assertEquals(1.0, one.get("probe.energy.idlePackages"));
    }

    @Test
    void figuresNotTakenOnTheWorkersCarryNamesThatSaySo() {
        Map<String, Double> measured = byName(ProbeProfiler.results(reading(false, "aperf_mperf", Map.of(0, 5.0, 1, 5.0),
                Double.NaN), 100, Double.NaN, ALL));
        assertTrue(measured.containsKey("probe.clock.allCpus"), measured.toString());
        assertTrue(measured.containsKey("probe.ipc.process"), measured.toString());
        for (String name : List.of("probe.clock", "probe.clock.estimated", "probe.ipc", "probe.energy.idlePackages",
                "probe.window.excess")) {
            assertFalse(measured.containsKey(name), name + " in " + measured);
        }
        Map<String, Double> estimated = byName(ProbeProfiler.results(reading(false, "estimated", Map.of(), Double.NaN),
                100, 1.0, Map.of("frequency", true)));
        assertEquals(List.of("probe.clock.estimated.controlThread", "probe.window.excess"), List.copyOf(estimated.keySet()));
        Map<String, Double> onWorkers = byName(ProbeProfiler.results(reading(true, "estimated", Map.of(), 0),
                100, 1.0, Map.of("frequency", true)));
        assertTrue(onWorkers.containsKey("probe.clock.estimated"), onWorkers.toString());
    }

    @Test
    void theWorkersComeFromAssayCpus() {
        assertEquals(List.of(), ProbeProfiler.workers(null).cpus());
        assertEquals(List.of(), ProbeProfiler.workers(" ").cpus());
        assertEquals(List.of(96, 97, 288), ProbeProfiler.workers("97, 96,288,96").cpus());
    }

    @Test
    void theControlThreadRunsTheTaskOnTheCpuAskedForAndGoesBackToItsMask() {
        BitSet before = Affinity.getAffinity();
        int cpu = before.nextSetBit(0);
        double where = ProbeProfiler.onCpu(cpu, () -> Affinity.getCpu());
        assertEquals(before, Affinity.getAffinity(), "the caller's mask is restored");
        if (Affinity.getCpu() >= 0) {         // affinity works here: the task ran on the CPU asked for
            assertEquals(cpu, where, 0.0);
        } else {
            assertTrue(Double.isNaN(where), "no affinity support: nothing attributed to cpu " + cpu);
        }
        assertTrue(Double.isNaN(ProbeProfiler.onCpu(1 << 16, () -> 1.0)), "a CPU the thread cannot go to gives NaN");
        assertEquals(before, Affinity.getAffinity());
    }

    @Test
    void schedulingFiguresAreTheWorkersOrAreLeftOutAndStealSaysWhereItWasTaken() {
        Map<String, Double> w = byName(ProbeProfiler.schedulingResults(
                new org.assay.probes.WorkerScheduling.Reading(40, 2, 1, 25, 1), true));
        assertEquals(40.0, w.get("probe.sched.involuntarySwitches"));
        assertEquals(2.0, w.get("probe.sched.voluntarySwitches"));
        assertEquals(1.0, w.get("probe.sched.migrations"));
        assertEquals(25.0, w.get("probe.steal"));
        Map<String, Double> none = byName(ProbeProfiler.schedulingResults(
                new org.assay.probes.WorkerScheduling.Reading(Double.NaN, Double.NaN, Double.NaN, 5, 0), false));
        assertEquals(Map.of("probe.steal.allCpus", 5.0), none, "no known workers: no switch counts, steal of all CPUs");
        Map<String, Double> noSched = byName(ProbeProfiler.schedulingResults(
                new org.assay.probes.WorkerScheduling.Reading(3, 0, Double.NaN, Double.NaN, 2), true));
        assertFalse(noSched.containsKey("probe.sched.migrations"), "unknown migrations are left out, not 0");
        assertFalse(noSched.containsKey("probe.steal"));
    }
}

package org.assay.workloads.fork;

import org.assay.workloads.jmh.SegmentedSieveBench;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.assay.probes.Probe;
import org.assay.probes.ProbeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The profiler in a plain JMH run, outside Assay's harness, the way a user adds it with
 * {@code -prof org.assay.workloads.fork.ProbeProfiler}: its secondary results are exactly those
 * of the probes available on this machine (never a 0 J for a missing RAPL). No {@code assay.cpus}
 * names the workers here, so the clock and IPC carry the names of whole-machine figures.
 */
class ProbeProfilerTest {

    private static final Map<String, String> RESULT_OF_PROBE = Map.of(
            "rapl.energy", "probe.energy",
            "thermal", "probe.temp.max",
            "throttle", "probe.throttle.events",
            "perf.counters", "probe.ipc.process");

    @Test
    void aPlainJmhRunCarriesOneSecondaryResultPerAvailableProbe() throws Exception {
        Options opts = new OptionsBuilder()
                .include(SegmentedSieveBench.class.getName() + ".sieve")
                .param("limit", "100000")
                .forks(0)
                .threads(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(50))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(100))
                .addProfiler(ProbeProfiler.class)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertEquals(1, results.size());
        Map<String, Result> secondary = results.iterator().next().getSecondaryResults();

        try (ProbeSet probes = ProbeSet.open(Path.of("/"))) {
            assertEachAvailableProbeGaveItsResult(probes, secondary);
        }
        for (String key : secondary.keySet()) {
            assertTrue(key.startsWith("probe."), "only the profiler's results, got " + key);
        }
    }

    @Test
    void withAssayCpusTheFiguresAreTheWorkersAndKeepTheirPlainNames() throws Exception {
        int cpu = net.openhft.affinity.Affinity.getAffinity().nextSetBit(0);
        System.setProperty(WorkerPinning.CPUS_PROPERTY, "" + cpu);
        Map<String, Result> secondary;
        try {
            Options opts = new OptionsBuilder()
                    .include(SegmentedSieveBench.class.getName() + ".sieve")
                    .param("limit", "100000")
                    .forks(0)
                    .threads(1)
                    .warmupIterations(1).warmupTime(TimeValue.milliseconds(50))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(100))
                    .addProfiler(ProbeProfiler.class)
                    .shouldFailOnError(true)
                    .build();
            secondary = new Runner(opts).run().iterator().next().getSecondaryResults();
        } finally {
            System.clearProperty(WorkerPinning.CPUS_PROPERTY);
        }
        assertTrue(secondary.containsKey("probe.clock") || secondary.containsKey("probe.clock.estimated"),
                secondary.keySet().toString());
        for (String whole : List.of("probe.clock.allCpus", "probe.clock.estimated.controlThread", "probe.ipc.process")) {
            assertFalse(secondary.containsKey(whole), whole + " with known workers: " + secondary.keySet());
        }
        Result clock = secondary.getOrDefault("probe.clock", secondary.get("probe.clock.estimated"));
        assertTrue(clock.getScore() > 100 && clock.getScore() < 10_000, "a clock in MHz on cpu " + cpu + ", got "
                + clock.getScore());
        assertTrue(secondary.get("probe.window.excess").getScore() >= 0, secondary.get("probe.window.excess").toString());
    }

    private static void assertEachAvailableProbeGaveItsResult(ProbeSet probes, Map<String, Result> secondary) {
        for (Probe p : probes.probes()) {
            boolean available = p.availability().available();
            if (p.id().equals("frequency")) {
                assertEquals(available, secondary.containsKey("probe.clock.allCpus")
                        || secondary.containsKey("probe.clock.estimated.controlThread"), secondary.keySet().toString());
                assertFalse(secondary.containsKey("probe.clock") || secondary.containsKey("probe.clock.estimated"),
                        "not measured on known workers: " + secondary.keySet());
                if (available) {
                    Result clock = secondary.getOrDefault("probe.clock.allCpus",
                            secondary.get("probe.clock.estimated.controlThread"));
                    assertTrue(clock.getScore() > 100 && clock.getScore() < 10_000,
                            "a clock in MHz, got " + clock.getScore());
                }
            } else if (RESULT_OF_PROBE.containsKey(p.id())) {
                assertEquals(available, secondary.containsKey(RESULT_OF_PROBE.get(p.id())),
                        p.id() + " available=" + available + ", secondary " + secondary.keySet());
            }
        }
    }

    @Test
    void anUnknownOptionOrAMissingRootIsRefusedWithTheKnownOptions(@TempDir Path dir) {
        ProfilerException unknown = assertThrows(ProfilerException.class, () -> new ProbeProfiler("rate=10"));
        assertTrue(unknown.getMessage().contains("known: root=DIR"), unknown.getMessage());
        ProfilerException missing = assertThrows(ProfilerException.class,
                () -> new ProbeProfiler("root=" + dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("is not a directory"), missing.getMessage());
    }
}

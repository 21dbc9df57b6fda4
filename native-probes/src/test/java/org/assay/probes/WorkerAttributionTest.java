package org.assay.probes;

import org.assay.probes.fixtures.Fixture;
import org.assay.probes.fixtures.ServerTree;
import org.assay.probes.fixtures.WorkerProbeTree;
import org.assay.probes.fixtures.WorkerProbeTree.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one iteration attributes to its workers on a 2-socket machine with the workers on socket
 * 1: the clock of their CPUs only, the energy of their package only, their throttle counters only.
 * Socket 0 is given a clearly different clock, energy and throttle count, so any figure that
 * mixes it in fails. The clock is checked on the full EPYC 9654 pair (384 CPUs); the rest on a
 * 2 × 16-core EPYC of the same layout, which is quicker to write.
 */
class WorkerAttributionTest {

    private static final ServerTree.Shape GENOA = ServerTree.epycGenoa(1);
    /** Two 16-core Zen 4 sockets, SMT on: CPUs 0-15 and 32-47 on socket 0, 16-31 and 48-63 on socket 1. */
    private static final ServerTree.Shape SMALL = new ServerTree.Shape("epyc-2x16", "AuthenticAMD", 25, 0x11, 1,
            "AMD EPYC 9124 16-Core Processor", 3000.0, 2, 16, true, 8, 2, 32, 32, 1024, 32768, 16, 64_000_000L,
            GENOA.flags(), null);
    /** Socket 1, cores 0 and 1, and core 0's SMT sibling. */
    private static final List<Integer> SOCKET1_WORKERS = workers(SMALL);

    private static List<Integer> workers(ServerTree.Shape s) {
        return List.of(s.cpu(1, 0, 0), s.cpu(1, 1, 0), s.cpu(1, 0, 1));
    }

    private static Fixture small(Path dir) {
        return ServerTree.write(dir, SMALL);
    }

    /** Socket 0 idles at 1440 MHz, socket 1's other CPUs at 1200; the workers run at 3600, 3360 and 3000. */
    private static Window window(ServerTree.Shape s, int cpu) {
        if (cpu == s.cpu(1, 0, 0)) {
            return Window.at(3600, 1_000_000);
        }
        if (cpu == s.cpu(1, 1, 0)) {
            return Window.at(3360, 500_000);
        }
        if (cpu == s.cpu(1, 0, 1)) {
            return Window.at(3000, 500_000);
        }
        boolean socket0 = cpu % s.cores() < s.coresPerSocket();
        return socket0 ? Window.at(1440, 2_000_000) : Window.at(1200, 100_000);
    }

    private static IterationMeter.Workers pinned(List<Integer> cpus) {
        return IterationMeter.Workers.pinned(cpus, CpuRunner.NONE);
    }

    @Test
    void theAperfMperfClockIsTheWorkersBusyWeightedClockNotTheMachineAverage(@TempDir Path dir) {
        Fixture f = ServerTree.write(dir, GENOA);
        WorkerProbeTree.aperfMperf(f, GENOA, cpu -> window(GENOA, cpu));
        try (IterationMeter meter = IterationMeter.open(dir, pinned(workers(GENOA)))) {
            assertEquals("aperf_mperf", meter.probes().frequencySource());
            meter.begin();
            IterationMeter.IterationReading r = meter.end();
            // 2400 × (1.5 + 0.7 + 0.625 M) / (1 + 0.5 + 0.5 M) = 3390: each CPU weighs by its busy cycles
            assertEquals(2400.0 * (1_500_000 + 700_000 + 625_000) / 2_000_000, r.clockMHz(), 1e-9);
            assertTrue(r.onWorkers());
        }
    }

    @Test
    void withoutKnownWorkersTheClockCoversEveryCpuAndSaysSo(@TempDir Path dir) {
        Fixture f = small(dir);
        WorkerProbeTree.aperfMperf(f, SMALL, cpu -> window(SMALL, cpu));
        try (IterationMeter meter = IterationMeter.open(dir, IterationMeter.Workers.unknown())) {
            meter.begin();
            IterationMeter.IterationReading r = meter.end();
            assertFalse(r.onWorkers());
            assertTrue(r.clockMHz() > 1300 && r.clockMHz() < 1600, "dominated by socket 0's idle 1440 MHz: " + r.clockMHz());
        }
    }

    @Test
    void cpufreqIsAveragedOverTheWorkerCpusOnly(@TempDir Path dir) {
        Fixture f = small(dir);
        WorkerProbeTree.cpufreq(f, SMALL, cpu -> cpu == 16 ? 3_700_000L : cpu == 17 ? 3_500_000L : 1_500_000L);
        try (IterationMeter meter = IterationMeter.open(dir, pinned(List.of(16, 17)))) {
            assertEquals("cpufreq", meter.probes().frequencySource());
            meter.begin();
            assertEquals(3600.0, meter.end().clockMHz(), 1e-9);
        }
    }

    @Test
    void theEstimateRunsOnWorkerCpusAndIsUnknownWhereTheThreadCannotBeMovedThere(@TempDir Path dir) {
        small(dir);          // no MSRs, no cpufreq: the add-chain estimate
        List<Integer> workers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            workers.add(SMALL.cpu(1, c, 0));
        }
        List<Integer> ranOn = new ArrayList<>();
        CpuRunner recording = (cpu, task) -> {
            ranOn.add(cpu);
            return 3000.0 + cpu;        // stands for the chain's result on that core
        };
        try (IterationMeter meter = IterationMeter.open(dir, IterationMeter.Workers.pinned(workers, recording))) {
            assertEquals("estimated", meter.probes().frequencySource());
            meter.begin();
            double mhz = meter.end().clockMHz();
            assertEquals(List.of(16, 18, 21, 23), ranOn, "four CPUs spread over the eight workers, none of socket 0");
            assertEquals(3000.0 + (16 + 18 + 21 + 23) / 4.0, mhz, 1e-9);
        }
        try (IterationMeter meter = IterationMeter.open(dir, pinned(workers))) {
            meter.begin();
            assertTrue(Double.isNaN(meter.end().clockMHz()), "an estimate from the control thread's core is not the workers'");
        }
    }

    @Test
    void energyIsThePackageHoldingTheWorkersAndSumsPackagesWhenWorkersSpanThem(@TempDir Path dir) throws IOException {
        Fixture f = small(dir);
        WorkerProbeTree.packageZone(f, 0, "package-0", 1_000_000);
        WorkerProbeTree.packageZone(f, 1, "package-1", 1_000_000);
        try (IterationMeter meter = IterationMeter.open(dir, pinned(SOCKET1_WORKERS))) {
            assertEquals(List.of(1), meter.packages());
            meter.begin();
            setEnergy(dir, 51_000_000, 201_000_000);       // package 0 +50 J (idle), package 1 +200 J
            IterationMeter.IterationReading r = meter.end();
            assertEquals(200.0, r.energyJoules(), 1e-9);
            assertEquals(Map.of(1, 200.0), r.packageJoules());
            assertEquals(0.0, r.idlePackages());
        }
        try (IterationMeter meter = IterationMeter.open(dir, pinned(List.of(SMALL.cpu(0, 5, 0), SMALL.cpu(1, 5, 0))))) {
            meter.begin();
            setEnergy(dir, 61_000_000, 231_000_000);
            IterationMeter.IterationReading r = meter.end();
            assertEquals(40.0, r.energyJoules(), 1e-9);
            assertEquals(Map.of(0, 10.0, 1, 30.0), r.packageJoules());
            assertEquals(0.0, r.idlePackages());
        }
    }

    @Test
    void withoutPowercapTheEnergyMsrOfTheWorkersPackageLeaderIsRead(@TempDir Path dir) {
        Fixture f = small(dir);
        // AMD units 0x000A1000: 2^-16 J; the package counter reads (open, begin, end); no core counters (EIO)
        f.file("/dev/cpu/0/msr", "0xc0010299 0x000a1000\n0xc001029b 0x1000 0x1000 0x51000\n");      // +5 J, idle
        f.file("/dev/cpu/16/msr", "0xc0010299 0x000a1000\n0xc001029b 0x1000 0x1000 0xc9000\n");     // +12.5 J
        try (IterationMeter meter = IterationMeter.open(dir, pinned(SOCKET1_WORKERS))) {
            assertTrue(meter.probes().statuses().stream().anyMatch(p -> p.id().equals("rapl.energy")
                    && p.available() && p.reason().startsWith("MSR")), meter.probes().statuses().toString());
            meter.begin();
            IterationMeter.IterationReading r = meter.end();
            assertEquals(12.5, r.energyJoules(), 1e-12);
            assertEquals(Map.of(1, 12.5), r.packageJoules());
        }
    }

    @Test
    void zonesThatDoNotNameTheirPackageAreSummedAndTheIdlePackageIsCounted(@TempDir Path dir) throws IOException {
        Fixture f = small(dir);
        WorkerProbeTree.packageZone(f, 0, "package", 1_000_000);
        WorkerProbeTree.packageZone(f, 1, "package", 1_000_000);
        try (IterationMeter meter = IterationMeter.open(dir, pinned(SOCKET1_WORKERS))) {
            meter.begin();
            setEnergy(dir, 51_000_000, 201_000_000);
            IterationMeter.IterationReading r = meter.end();
            assertEquals(250.0, r.energyJoules(), 1e-9, "the counters cannot be told apart: both are in it");
            assertEquals(Map.of(-1, 250.0), r.packageJoules());
            assertEquals(1.0, r.idlePackages(), "and the reading says one package without workers is in the sum");
        }
    }

    @Test
    void aWorkerPackageWithoutACounterGivesUnknownEnergyNotTheOtherPackages(@TempDir Path dir) throws IOException {
        Fixture f = small(dir);
        WorkerProbeTree.packageZone(f, 0, "package-0", 1_000_000);
        try (IterationMeter meter = IterationMeter.open(dir, pinned(SOCKET1_WORKERS))) {
            meter.begin();
            IterationMeter.IterationReading r = meter.end();
            assertTrue(Double.isNaN(r.energyJoules()), "package 1 has no zone: " + r);
        }
    }

    @Test
    void throttleEventsCountTheWorkersPackageAndCoresOnceEach(@TempDir Path dir) throws IOException {
        Fixture f = small(dir);
        WorkerProbeTree.throttleCounters(f, SMALL, socket -> 10L, core -> 0L);
        try (IterationMeter meter = IterationMeter.open(dir, pinned(SOCKET1_WORKERS))) {
            meter.begin();
            // socket 0 throttles 7 times, socket 1 3 times (every CPU of a package shows its count), worker core 16 twice
            WorkerProbeTree.throttleCounters(new Fixture(dir), SMALL, socket -> socket == 0 ? 17L : 13L,
                    core -> core == 16 ? 2L : core == 5 ? 9L : 0L);
            assertEquals(3.0 + 2.0, meter.end().throttleEvents(), 1e-9);
        }
    }

    @Test
    void theWorkersAreTheThreadsPinnedToOneWorkerCpu(@TempDir Path dir) throws IOException {
        task(dir, 100, "0-63");           // JMH's control thread: the process's whole mask
        task(dir, 101, "0-63");           // a compiler thread
        task(dir, 102, "16");             // worker 0
        task(dir, 103, "17");             // worker 1
        task(dir, 104, "5");              // pinned, but not to a worker CPU
        Files.createDirectories(dir.resolve("105"));      // ended between the listing and the read
        assertEquals(List.of(102, 103), WorkerThreads.select(dir, List.of(16, 17), 100));
        assertEquals(List.of(101, 102, 103, 104, 105), WorkerThreads.select(dir, List.of(), 100),
                "workers unknown: every thread but the caller's");
    }

    private static void task(Path dir, int tid, String allowed) throws IOException {
        Path t = Files.createDirectories(dir.resolve("" + tid));
        Files.writeString(t.resolve("status"), "Name:\tjava\nCpus_allowed:\tff\nCpus_allowed_list:\t" + allowed + "\n");
    }

    private static void setEnergy(Path root, long pkg0, long pkg1) throws IOException {
        Files.writeString(root.resolve("sys/class/powercap/intel-rapl:0/energy_uj"), pkg0 + "\n");
        Files.writeString(root.resolve("sys/class/powercap/intel-rapl:1/energy_uj"), pkg1 + "\n");
    }
}

package org.assay.workloads.cpu;

import org.assay.probes.topology.FmaWidths;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.assay.workloads.kernel.FmaPeak;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuWorkloadsTest {

    private static final SizingContext MACHINE = new SizingContext(32L << 20, 8L << 30, 2);

    @Test
    void everyCpuKernelIsRegisteredUnderItsMetricName() {
        List<String> ids = Workloads.matching("cpu.*").stream().map(Workload::id).toList();
        assertEquals(List.of("cpu.primes.sieve", "cpu.primes.millerrabin", "cpu.peak", "cpu.dgemm", "cpu.fft"), ids);
    }

    @Test
    void quickMeasuresOneAndAllCoresOthersTheLadder() {
        assertEquals(List.of(1, 6), CpuWorkloads.scalingThreadCounts(Suite.quick, cores(6)));
        assertEquals(List.of(1, 2, 4, 6), CpuWorkloads.scalingThreadCounts(Suite.standard, cores(6)));
        assertEquals(List.of(1), CpuWorkloads.scalingThreadCounts(Suite.thorough, cores(1)));
    }

    private static SizingContext cores(int n) {
        return new SizingContext(32L << 20, 16L << 30, n);
    }

    @Test
    void quickAndStandardSettingsAreShortenedOthersKept() {
        assertEquals(CpuWorkloads.QUICK, CpuWorkloads.settings(MeasurementSettings.forSuite(Suite.quick)));
        assertEquals(MeasurementSettings.smoke(), CpuWorkloads.settings(MeasurementSettings.smoke()));
        MeasurementSettings standard = CpuWorkloads.settings(MeasurementSettings.forSuite(Suite.standard));
        assertEquals(new MeasurementSettings(2, 3, 500, 6, 500), standard, "six iterations of 500 ms after the suite's warm-up");
        MeasurementSettings thorough = MeasurementSettings.forSuite(Suite.thorough);
        assertEquals(thorough, CpuWorkloads.settings(thorough));
    }

    @Test
    void theHeadlineSizeClimbsTheLadderTheOtherSizesRunAtOneWorker() {
        SizingContext nps1 = new SizingContext(768L << 20, 1536L << 30, 192, org.assay.workloads.Layouts.epyc2s(1),
                java.util.stream.IntStream.range(0, 384).boxed().toList());
        Workload fft = Workloads.byId("cpu.fft").orElseThrow();
        List<Map<String, Object>> sizes = fft.paramSets(Suite.standard, nps1);
        assertEquals(List.of(1024L, 4096L, 65536L, 1048576L),
                sizes.stream().map(p -> Workload.longParam(p, "n")).toList());
        for (Map<String, Object> p : sizes) {
            List<Integer> counts = org.assay.workloads.ScalingLadder.counts(fft.threadSteps(Suite.standard, nps1, p));
            assertEquals(Workload.longParam(p, "n") == 4096 ? List.of(1, 2, 8, 96, 192, 384) : List.of(1), counts,
                    "n=" + p.get("n"));
        }
        // a size given with --param is no suite size: it gets the ladder
        assertEquals(6, fft.threadSteps(Suite.standard, nps1, Map.of("n", 8192)).size());
        assertEquals(List.of(1, 192), org.assay.workloads.ScalingLadder.counts(
                fft.threadSteps(Suite.thorough, nps1, fft.paramSets(Suite.thorough, nps1).get(0))),
                "thorough: the other sizes at one worker and all cores");
        Workload mr = Workloads.byId("cpu.primes.millerrabin").orElseThrow();
        List<Map<String, Object>> ranges = mr.paramSets(Suite.thorough, nps1);
        assertEquals(11, mr.threadSteps(Suite.thorough, nps1, ranges.get(0)).size(), "the 60-bit range: the full ladder");
        assertEquals(2, mr.threadSteps(Suite.thorough, nps1, ranges.get(1)).size(), "the 63-bit range: 1 and all cores");
    }

    @Test
    void fftRefusesSizeThatIsNotAPowerOfTwo() {
        Workload fft = Workloads.byId("cpu.fft").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fft.validate(Map.of("n", 1000), 1, MACHINE));
        assertEquals("FFT size n=1000 must be a power of two between 16 and 67108864 (2^26)", e.getMessage());
    }

    @Test
    void dgemmGrowsItsForkHeapForLargeMatricesAndRefusesOnlyWhatTheMachineCannotHold() {
        Workload dgemm = Workloads.byId("cpu.dgemm").orElseThrow();
        // n=8192: 1537 MiB of matrices, more than 80% of the default 1 GiB heap
        dgemm.validate(Map.of("n", 8192), 1, MACHINE);
        assertEquals(2048L << 20, dgemm.forkHeapBytes(Map.of("n", 8192), 1), "1537 MiB / 0.8, rounded up to 256 MiB steps");
        // n=2048 shared by 9 workers (the case a fixed heap refused): 9 x 97 MiB
        assertEquals(1280L << 20, dgemm.forkHeapBytes(Map.of("n", 2048), 9));
        dgemm.validate(Map.of("n", 2048), 9, MACHINE);
        assertEquals(1L << 30, dgemm.forkHeapBytes(Map.of("n", 1024), 1), "small sizes keep the default heap");
        SizingContext small = new SizingContext(32L << 20, 2L << 30, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dgemm.validate(Map.of("n", 8192), 1, small));
        assertEquals("dgemm n=8192 needs a 2048 MiB fork heap (1537 MiB of arrays for 1 worker(s)) plus 512 MiB"
                + " for the JVM, but only 2048 MiB are available: choose a smaller size or fewer threads", e.getMessage());
    }

    @Test
    void suiteSizesAndTestSizesPassValidation() {
        for (SizingContext machine : List.of(MACHINE, AVX2_MACHINE, AVX512_MACHINE)) {
            for (Workload w : CpuWorkloads.all()) {
                for (Suite s : Suite.values()) {
                    for (Map<String, Object> p : w.paramSets(s, machine)) {
                        for (int t : w.threadCounts(s, machine)) {
                            w.validate(p, t, machine);
                        }
                    }
                }
                w.validate(w.testParams(), 2, machine);
            }
        }
    }

    private static final FmaWidths AVX2 = new FmaWidths(List.of(64, 128, 256), "/proc/cpuinfo flags (fma, no avx512f)");
    private static final FmaWidths AVX512 = new FmaWidths(List.of(64, 128, 256, 512), "/proc/cpuinfo flags (fma, avx512f)");
    private static final SizingContext AVX2_MACHINE = MACHINE.withFmaWidths(AVX2);
    private static final SizingContext AVX512_MACHINE = new SizingContext(256L << 20, 64L << 30, 16).withFmaWidths(AVX512);

    private static List<Object> widths(Suite suite, SizingContext machine) {
        return Workloads.byId("cpu.peak").orElseThrow().paramSets(suite, machine).stream().map(p -> p.get("width")).toList();
    }

    @Test
    void peakPlansTheWidestAndScalarInQuickAndEveryWidthTheCpuHasOtherwise() {
        assertEquals(List.of("512", "scalar"), widths(Suite.quick, AVX512_MACHINE));
        assertEquals(List.of("scalar", "128", "256", "512"), widths(Suite.standard, AVX512_MACHINE));
        assertEquals(List.of("scalar", "128", "256", "512"), widths(Suite.thorough, AVX512_MACHINE));
        assertEquals(List.of("256", "scalar"), widths(Suite.quick, AVX2_MACHINE));
        assertEquals(List.of("scalar", "128", "256"), widths(Suite.standard, AVX2_MACHINE));
        SizingContext neon = MACHINE.withFmaWidths(new FmaWidths(List.of(64, 128), "/proc/cpuinfo Features (asimd)"));
        assertEquals(List.of("128", "scalar"), widths(Suite.quick, neon));
        SizingContext noFma = MACHINE.withFmaWidths(new FmaWidths(List.of(), "/proc/cpuinfo flags name no fma (FMA3)"));
        assertEquals(List.of(), widths(Suite.standard, noFma), "no FMA: nothing to measure");
        assertEquals(List.of(), widths(Suite.quick, MACHINE), "flags not known: no width is claimed");
    }

    @Test
    void peakScalesFromOneThreadToEveryCoreWithShortSettings() {
        Workload peak = Workloads.byId("cpu.peak").orElseThrow();
        assertEquals(List.of(1, 16), peak.threadCounts(Suite.quick, AVX512_MACHINE));
        assertEquals(List.of(1, 2, 4, 8, 16), peak.threadCounts(Suite.standard, AVX512_MACHINE));
        Map<String, Object> w512 = Map.of("width", "512");
        MeasurementSettings quick = peak.settings(MeasurementSettings.forSuite(Suite.quick), w512);
        assertEquals(1, quick.forks());
        assertTrue(quick.timedSeconds() <= 2.0, "a quick invocation is 1-2 s: " + quick);
        assertEquals(PeakWorkload.STANDARD, peak.settings(MeasurementSettings.forSuite(Suite.standard), w512));
        MeasurementSettings thorough = peak.settings(MeasurementSettings.forSuite(Suite.thorough), w512);
        assertEquals(MeasurementSettings.forSuite(Suite.thorough).forks(), thorough.forks(), "thorough keeps its forks");
        assertTrue(thorough.timedSeconds() < MeasurementSettings.forSuite(Suite.thorough).timedSeconds());
        assertEquals(MeasurementSettings.smoke(), peak.settings(MeasurementSettings.smoke(), w512));
        assertEquals(Map.of("width", "scalar"), peak.testParams());
    }

    @Test
    void peakRefusesAWidthTheCpuLacksAndANameThatIsNoWidth() {
        Workload peak = Workloads.byId("cpu.peak").orElseThrow();
        IllegalArgumentException lacks = assertThrows(IllegalArgumentException.class,
                () -> peak.validate(Map.of("width", "512"), 1, AVX2_MACHINE));
        assertEquals("width=512: this CPU has no 512-bit FMA (/proc/cpuinfo flags (fma, no avx512f)); choose one of:"
                + " scalar, 128, 256", lacks.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> peak.validate(Map.of("width", "avx2"), 1, AVX512_MACHINE));
        assertEquals("width=avx2: expected scalar, 128, 256 or 512", name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> peak.validate(Map.of("width", 64L), 1, AVX512_MACHINE),
                "64 is not a width name: scalar is");
        SizingContext noFma = MACHINE.withFmaWidths(new FmaWidths(List.of(), "/proc/cpuinfo flags name no fma (FMA3)"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> peak.validate(Map.of("width", "scalar"), 1, noFma));
        assertEquals("width=scalar: this CPU has no FMA a JVM uses (/proc/cpuinfo flags name no fma (FMA3)),"
                + " so there is no FMA peak to measure", none.getMessage());
        peak.validate(Map.of("width", "512"), 16, AVX512_MACHINE);
        peak.validate(Map.of("width", "512"), 1, MACHINE);   // flags unknown: the fork's JVM decides
    }

    @Test
    void peakCountsTwoFlopsPerFmaPerLaneAsTheKernelDoes() {
        Workload peak = Workloads.byId("cpu.peak").orElseThrow();
        assertEquals(2.0 * 12 * 65_536 * 8 / 1e9, peak.scorePerOp(Map.of("width", "512"), 4), 1e-15);
        for (int bits : List.of(64, 128, 256, 512)) {
            Map<String, Object> p = Map.of("width", bits == 64 ? "scalar" : String.valueOf(bits));
            assertEquals(FmaPeak.flopsPerOperation(bits) / 1e9, peak.scorePerOp(p, 1), 1e-15, p.toString());
        }
    }

    @Test
    void scoresCountFlopsAndNumbersPerOperation() {
        assertEquals(2.0 * 1024 * 1024 * 1024 / 1e9,
                Workloads.byId("cpu.dgemm").orElseThrow().scorePerOp(Map.of("n", 1024), 2), 1e-12);
        assertEquals(5.0 * 4096 * 12 / 1e9,
                Workloads.byId("cpu.fft").orElseThrow().scorePerOp(Map.of("n", 4096), 1), 1e-15);
        assertEquals(100_000.0, Workloads.byId("cpu.primes.millerrabin").orElseThrow()
                .scorePerOp(Map.of("start", 1_000_000_000_000_000_000L, "count", 100_000), 1), 0.0);
    }
}

package org.assay.workloads.cpu;

import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
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
        assertEquals(List.of("cpu.primes.sieve", "cpu.primes.millerrabin", "cpu.dgemm", "cpu.fft"), ids);
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
        assertEquals(new MeasurementSettings(2, 3, 500, 8, 500), standard, "the suite's iterations, each 500 ms");
        MeasurementSettings thorough = MeasurementSettings.forSuite(Suite.thorough);
        assertEquals(thorough, CpuWorkloads.settings(thorough));
    }

    @Test
    void theHeadlineSizeClimbsTheLadderTheOtherSizesRunAtOneAndAllCores() {
        SizingContext nps1 = new SizingContext(768L << 20, 1536L << 30, 192, org.assay.workloads.Layouts.epyc2s(1),
                java.util.stream.IntStream.range(0, 384).boxed().toList());
        Workload fft = Workloads.byId("cpu.fft").orElseThrow();
        List<Map<String, Object>> sizes = fft.paramSets(Suite.standard, nps1);
        assertEquals(List.of(1024L, 4096L, 65536L, 1048576L),
                sizes.stream().map(p -> Workload.longParam(p, "n")).toList());
        for (Map<String, Object> p : sizes) {
            List<Integer> counts = org.assay.workloads.ScalingLadder.counts(fft.threadSteps(Suite.standard, nps1, p));
            assertEquals(Workload.longParam(p, "n") == 4096 ? List.of(1, 2, 4, 8, 96, 192, 384) : List.of(1, 192), counts,
                    "n=" + p.get("n"));
        }
        // a size given with --param is no suite size: it gets the ladder
        assertEquals(7, fft.threadSteps(Suite.standard, nps1, Map.of("n", 8192)).size());
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
        for (Workload w : CpuWorkloads.all()) {
            for (Suite s : Suite.values()) {
                for (Map<String, Object> p : w.paramSets(s, MACHINE)) {
                    for (int t : w.threadCounts(s, MACHINE)) {
                        w.validate(p, t, MACHINE);
                    }
                }
            }
            w.validate(w.testParams(), 2, MACHINE);
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

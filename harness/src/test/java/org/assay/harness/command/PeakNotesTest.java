package org.assay.harness.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeakNotesTest {

    private static InvocationResult peak(String width, int threads, double score, Map<String, SecondaryMetric> secondary) {
        List<Integer> cpus = java.util.stream.IntStream.range(0, threads).boxed().toList();
        return InvocationResult.builder().invocationId("cpu.peak[width=" + width + ",threads=" + threads + "]")
                .workload("cpu.peak").definitionVersion(1).metric("cpu.peak").params(Map.of("width", width))
                .threads(threads).requestedCpus(cpus).cpus(cpus).unit("GFLOP/s").higherIsBetter(true)
                .score(score).scoreError(0.1).samples(List.of(score)).status(Status.ok).secondary(secondary)
                .start("2026-11-23T00:00:00Z").end("2026-11-23T00:00:01Z").build();
    }

    private static JsonNode inventory(String peakJson) throws Exception {
        return BundleFormat.mapper().readTree("{\"peak\": " + peakJson + "}");
    }

    private static String print(List<InvocationResult> results, JsonNode inventory) {
        StringWriter s = new StringWriter();
        PeakNotes.print(new PrintWriter(s), results, inventory);
        return s.toString();
    }

    @Test
    void theWidestWidthIsSetAgainstTheDerivedPeakPerCore() throws Exception {
        JsonNode inv = inventory("{\"gflopsFp64\": 230.4, \"physicalCores\": 2, \"clockMHz\": 3600.0,"
                + " \"clockSource\": \"cpufreq cpuinfo_max_freq\", \"flopPerCyclePerCore\": 32}");
        List<InvocationResult> results = List.of(
                peak("512", 1, 57.6, Map.of("flopPerCycle", new SecondaryMetric(16.0, "FLOP/cycle"))),
                peak("scalar", 1, 14.4, Map.of()),
                peak("512", 2, 100.8, Map.of("flopPerCycle.estimated", new SecondaryMetric(14.0, "FLOP/cycle"))));
        assertEquals("peak: cpu.peak width=512, 1 thread(s): 57.60 GFLOP/s per worker, 50% of the derived FP64 peak of"
                + " 115.2 GFLOP/s per core (32 FLOP/cycle x 3600 MHz, cpufreq cpuinfo_max_freq); 16.0 FLOP/cycle at the"
                + " workers' measured clock\n"
                + "peak: cpu.peak width=512, 2 thread(s): 50.40 GFLOP/s per worker, 44% of the derived FP64 peak of"
                + " 115.2 GFLOP/s per core (32 FLOP/cycle x 3600 MHz, cpufreq cpuinfo_max_freq); 14.0 FLOP/cycle at the"
                + " workers' estimated clock\n", print(results, inv).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void withoutADerivedPeakOnlyTheMeasuredFiguresAreSaid() throws Exception {
        JsonNode inv = inventory("{\"gflopsFp64\": null, \"physicalCores\": 2, \"clockMHz\": null, \"flopPerCyclePerCore\": 16}");
        assertEquals("peak: cpu.peak width=256, 1 thread(s): 40.00 GFLOP/s per worker\n",
                print(List.of(peak("256", 1, 40.0, Map.of()), peak("scalar", 1, 10.0, Map.of())), inv)
                        .replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aRunWithoutCpuPeakSaysNothing() throws Exception {
        assertEquals("", print(List.of(), inventory("{\"clockMHz\": 3000.0, \"flopPerCyclePerCore\": 32}")));
        InvocationResult failed = InvocationResult.builder().invocationId("cpu.peak[width=512,threads=1]")
                .workload("cpu.peak").definitionVersion(1).metric("cpu.peak").params(Map.of("width", "512"))
                .threads(1).requestedCpus(List.of(0)).cpus(List.of()).unit("GFLOP/s").higherIsBetter(true)
                .status(Status.failed).reason("boom").start("2026-11-23T00:00:00Z").end("2026-11-23T00:00:01Z").build();
        assertEquals("", print(List.of(failed), null));
    }
}

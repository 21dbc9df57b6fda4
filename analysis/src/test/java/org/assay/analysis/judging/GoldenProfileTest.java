package org.assay.analysis.judging;

import org.assay.profiles.MetricCatalog;
import org.assay.profiles.Profile;
import org.assay.profiles.ProfileLibrary;
import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A golden profile from two runs: medians, spreads, tolerances with their floor, a source run passing, a 40% worse copy failing on exactly that metric. */
class GoldenProfileTest {

    private static List<InvocationResult> run(double dgemm, double chase) {
        return List.of(
                Fixtures.ok("cpu.dgemm", Map.of("n", 512), 1, "GFLOP/s", true, dgemm, 0.2),
                Fixtures.ok("memory.latency.chase", Map.of("workingSetBytes", 1024), 1, "ns", false, chase, 0.01),
                Fixtures.ok("memory.bandwidth.triad", Map.of(), 4, "GB/s", true, 40, 0.2));
    }

    private final Bundle a = Fixtures.bundle("a", run(44, 2.0), Fixtures.inventory());
    private final Bundle b = Fixtures.bundle("b", run(46, 2.0), Fixtures.inventory());

    private Profile golden() {
        String yaml = GoldenProfile.yaml("lab-golden", List.of(a, b), List.of("a", "b"));
        ProfileLibrary lib = ProfileLibrary.empty(MetricCatalog.anyName());
        lib.addText("golden.yaml", yaml);
        return lib.resolve("lab-golden");
    }

    @Test
    void mediansSpreadsAndTolerances() {
        Map<String, GoldenProfile.Entry> e = new java.util.HashMap<>();
        GoldenProfile.entries(List.of(a, b)).forEach(x -> e.put(x.key().toString(), x));
        GoldenProfile.Entry dgemm = e.get("cpu.dgemm{n=512,threads=1}");
        assertEquals(45.0, dgemm.median(), 1e-12);
        assertEquals(Math.sqrt(2), dgemm.acrossRuns(), 1e-12); // sd of {44, 46}
        // 3 x sqrt(2) / 45 = 9.4%: above the 5% floor.
        assertEquals(Math.round(3 * Math.sqrt(2) / 45 * 1000) / 1000.0, dgemm.tolerance(), 1e-12);
        // the triad agrees exactly across runs and within them to 0.2/t(4) / 40: the floor holds.
        assertEquals(GoldenProfile.TOLERANCE_FLOOR, e.get("memory.bandwidth.triad{threads=4}").tolerance(), 1e-12);
        assertEquals(2, dgemm.runs());
    }

    @Test
    void aNoisyMetricsToleranceIsCappedSoAFortyPercentDropStillFails() {
        Bundle x = Fixtures.bundle("x", run(30, 2.0), Fixtures.inventory());
        Bundle y = Fixtures.bundle("y", run(60, 2.0), Fixtures.inventory());
        GoldenProfile.Entry dgemm = GoldenProfile.entries(List.of(x, y)).get(0);
        // sd of {30, 60} = 21.2, 3 x 21.2 / 45 = 141%: capped at 25%.
        assertEquals(GoldenProfile.TOLERANCE_CAP, dgemm.tolerance(), 1e-12);
        assertTrue(dgemm.capped());
        assertTrue(GoldenProfile.yaml("noisy", List.of(x, y), List.of("x", "y")).contains("tolerance 25% (capped"));
    }

    @Test
    void theProfileValidatesAndItsSourceRunPasses() {
        Profile p = golden();
        assertEquals(3, p.expected().size());
        assertEquals(4, p.spec().cpu().coresPerSocket());
        AcceptanceReport r = Acceptance.judge("a", RunMeasurements.of(a), Fixtures.inventory(), p);
        assertEquals(Verdict.PASS, r.verdict(), r.toString());
        assertEquals(3, r.rules().size());
        assertEquals(AcceptanceReport.EXIT_PASS, r.exitCode());
    }

    @Test
    void aMetricMadeFortyPercentWorseFailsExactlyThatRule() {
        List<InvocationResult> worse = new ArrayList<>(run(44, 2.0));
        // a latency 40% worse is 1.4 times as long
        worse.set(1, Fixtures.ok("memory.latency.chase", Map.of("workingSetBytes", 1024), 1, "ns", false, 2.0 * 1.4, 0.014));
        AcceptanceReport r = Acceptance.judge("worse", RunMeasurements.of(worse), Fixtures.inventory(), golden());
        List<String> failed = r.rules().stream().filter(v -> v.verdict() == Verdict.FAIL).map(v -> v.key().metric()).toList();
        assertEquals(List.of("memory.latency.chase"), failed);
        assertTrue(r.rules().stream().filter(v -> v.verdict() != Verdict.FAIL).allMatch(v -> v.verdict() == Verdict.PASS));
        assertTrue(r.inventory().stream().noneMatch(c -> c.verdict() == Verdict.FAIL));
    }

    @Test
    void runsOfDifferentMachinesAreRefused() {
        var other = (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.inventory();
        ((com.fasterxml.jackson.databind.node.ObjectNode) other.get("cpu")).put("logicalCpus", 4);
        Bundle c = Fixtures.bundle("c", run(44, 2.0), other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoldenProfile.yaml("x", List.of(a, c), List.of("a", "c")));
        assertTrue(e.getMessage().contains("cpu.logicalCpus 8 vs 4"), e.getMessage());
    }
}

package org.assay.harness;

import org.assay.harness.derived.IterationFlags;
import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real smoke run: probe availability in run.json, the time series in probes.csv, the profiler's results. */
class ProbeAttributionRunTest {

    @Test
    void aRunRecordsProbeStatusesTheTimeSeriesWithMarksAndPerIterationProbeResults(@TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("run", "--smoke", "--only", "cpu.primes.sieve", "--threads", "1",
                "--progress", "none", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());
        Bundle b = BundleReader.read(out);

        List<ProbeStatus> probes = b.manifest().probes();
        assertEquals(8, probes.size(), probes.toString());
        for (ProbeStatus p : probes) {
            assertFalse(p.reason() == null || p.reason().isBlank(), p.toString());
            assertTrue(p.available() || (p.fix() != null && !p.fix().isBlank()), p.toString());
        }

        List<String> csv = Files.readAllLines(out.resolve("probes.csv"));
        assertEquals("timestamp,probe,scope,value,unit", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.contains(",workload.start,")), "start mark");
        assertTrue(csv.stream().anyMatch(l -> l.contains(",workload.end,")), "end mark");
        assertTrue(csv.stream().anyMatch(l -> l.contains(",cpu.busy,")), "utilisation series");
        assertTrue(csv.stream().anyMatch(l -> l.contains(",cpu.steal,")), "steal series");
        assertTrue(csv.get(csv.size() - 1).contains(",sampler.cpuPerSample,"), "the sampler's own cost, last");

        for (InvocationResult r : b.results()) {
            // the frequency probe always has a source (the add-chain estimate needs no privilege)
            assertTrue(r.secondary().containsKey("probe.clock") || r.secondary().containsKey("probe.clock.estimated"),
                    r.secondary().toString());
            assertTrue(r.secondary().containsKey(IterationFlags.AFFECTED), r.secondary().toString());
            for (String absent : List.of("probe.energy", "probe.temp.max", "probe.ipc", "probe.throttle.events")) {
                String probe = absent.equals("probe.energy") ? "rapl.energy" : absent.equals("probe.temp.max") ? "thermal"
                        : absent.equals("probe.ipc") ? "perf.counters" : "throttle";
                boolean available = probes.stream().anyMatch(p -> p.id().equals(probe) && p.available());
                assertEquals(available, r.secondary().containsKey(absent), absent + " present iff " + probe + " is available");
            }
        }
        assertTrue(BundleVerifier.verify(out).ok());
    }
}

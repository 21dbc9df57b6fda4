package org.assay.analysis.export;

import org.assay.analysis.openmetrics.OpenMetricsParser;
import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenMetricsExportTest {

    @TempDir
    Path tmp;

    private Bundle bundle() throws IOException {
        return BundleReader.read(ExportFixtures.bundle(tmp.resolve("b")));
    }

    @Test
    void scoresAndBoundsInBaseUnitsLabelledWithHostInstanceTypeWorkloadAndParams() throws IOException {
        OpenMetricsParser.Parsed p = OpenMetricsParser.parse(new OpenMetricsExport().render(bundle()));
        String triad = "assay_memory_bandwidth_triad_bytes_per_second";
        assertEquals("gauge", p.families().get(triad).type());
        assertEquals("bytes_per_second", p.families().get(triad).unit());
        OpenMetricsParser.Sample score = p.sample(triad, Map.of("threads", "2", "stat", "score"));
        assertEquals(18.25e9, score.value(), "GB/s in bytes per second");
        assertEquals(ExportFixtures.HOST, score.labels().get("host"));
        assertEquals(ExportFixtures.INSTANCE_TYPE, score.labels().get("instance_type"), "read back through the escaping");
        assertEquals("memory.bandwidth.triad", score.labels().get("workload"));
        assertEquals("memory.bandwidth.triad", score.labels().get("metric"));
        assertEquals("4294967296", score.labels().get("param_working_set_bytes"));
        assertEquals("inter leaved, \"x\"", score.labels().get("param_layout"));
        assertEquals(Instant.parse(ExportFixtures.TRIAD_END).toEpochMilli() / 1000.0, score.timestamp(),
                "the time the result was measured");
        assertEquals(17.75e9, p.sample(triad, Map.of("threads", "2", "stat", "ci_low")).value());
        assertEquals(18.75e9, p.sample(triad, Map.of("threads", "2", "stat", "ci_high")).value());
        assertTrue(p.samples(triad).stream().noneMatch(s -> "4".equals(s.labels().get("threads"))),
                "the failed result has no sample: no number is invented");

        OpenMetricsParser.Sample chase = p.sample("assay_memory_latency_chase_seconds", Map.of("stat", "score"));
        assertEquals(1.25e-9, chase.value(), 1e-24, "ns in seconds");
        assertEquals(1.3e-9, p.sample("assay_memory_latency_chase_seconds", Map.of("stat", "ci_high")).value(), 1e-24);
        assertEquals(1, p.samples("assay_network_tcp_rr_transactions_per_second").size(), "no interval, no bounds");
        assertEquals(123.456, p.sample("assay_cpu_primes_sieve_ops_per_second", Map.of("stat", "score")).value());

        assertEquals(0.004, p.sample("assay_secondary_host_steal_ratio", Map.of("threads", "2")).value(), 1e-15);
        assertEquals(71, p.sample("assay_secondary_temperature_max_celsius", Map.of()).value());
        assertEquals(87.5e-6, p.sample("assay_secondary_latency_p99_9_seconds", Map.of()).value(), 1e-18);
        assertFalse(p.families().containsKey("assay_secondary_ipc_insn_per_cycle"), "no reading, no sample");
    }

    @Test
    void theRunIsDescribedOnceWithItsTimesAndResultCounts() throws IOException {
        OpenMetricsParser.Parsed p = OpenMetricsParser.parse(new OpenMetricsExport().render(bundle()));
        OpenMetricsParser.Sample info = p.sample("assay_run_info", Map.of());
        assertEquals(1, info.value());
        assertEquals(ExportFixtures.CPU, info.labels().get("cpu_model"));
        assertEquals("quick", info.labels().get("suite"));
        assertEquals("partial", info.labels().get("status"));
        assertEquals(Instant.parse("2026-11-22T10:15:03Z").getEpochSecond(),
                p.sample("assay_run_start_timestamp_seconds", Map.of()).value());
        assertEquals(4, p.sample("assay_run_results", Map.of("status", "ok")).value());
        assertEquals(1, p.sample("assay_run_results", Map.of("status", "failed")).value());
    }

    @Test
    void withoutTimestampsForAPushgateway() throws IOException {
        Bundle b = bundle();
        assertTrue(OpenMetricsExport.samples(b, true).stream().allMatch(s -> s.timestamp() != null));
        assertTrue(OpenMetricsExport.samples(b, false).stream().allMatch(s -> s.timestamp() == null));
    }
}

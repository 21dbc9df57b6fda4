package org.assay.harness.live;

import org.assay.analysis.openmetrics.OpenMetricsParser;
import org.assay.analysis.openmetrics.OpenMetricsText;
import org.assay.harness.plan.PlanEntry;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeSample;
import org.assay.results.Status;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunMetricsTest {

    private static PlanEntry entry(String id) {
        Workload w = Workloads.all().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return new PlanEntry(w, w.testParams(), 1, List.of(0), MeasurementSettings.smoke(), 5, ScalingLadder.Step.count(1));
    }

    private static InvocationResult ok(PlanEntry e, String unit, double score) {
        return InvocationResult.builder().invocationId(e.invocationId()).workload(e.workload().id())
                .metric(e.workload().id()).params(e.params()).threads(1).unit(unit).score(score).status(Status.ok).build();
    }

    @Test
    void progressLastScoresAndProbesInBaseUnitsLabelledWithTheHost() {
        LiveMetrics m = new LiveMetrics();
        RunMetrics run = new RunMetrics(m, "bench-01", 2);
        PlanEntry chase = entry("memory.latency.chase");
        PlanEntry sieve = entry("cpu.primes.sieve");

        run.started(0, 2, chase);
        OpenMetricsParser.Parsed p = OpenMetricsParser.parse(OpenMetricsText.openMetrics(m.snapshot()));
        assertEquals(2, p.sample("assay_run_invocations_planned", Map.of("host", "bench-01")).value());
        assertEquals(0, p.sample("assay_run_invocations_done_total", Map.of()).value());
        OpenMetricsParser.Sample running = p.sample("assay_run_invocation_running", Map.of());
        assertEquals(chase.invocationId(), running.labels().get("invocation"));
        assertEquals("1", running.labels().get("index"));

        run.finished(chase, List.of(ok(chase, "ns", 12.5)));
        run.started(1, 2, sieve);
        run.probed(List.of(new ProbeSample("2026-01-01T00:00:00Z", "cpu.freq", "cpu0", 3600, "MHz"),
                new ProbeSample("2026-01-01T00:00:00Z", "cpu.freq", "cpu1", 3400, "MHz"),
                new ProbeSample("2026-01-01T00:00:00Z", "cpu.freq", "cpu2", 1, "W")));
        p = OpenMetricsParser.parse(OpenMetricsText.openMetrics(m.snapshot()));
        assertEquals(1, p.sample("assay_run_invocations_done_total", Map.of()).value());
        assertEquals(1, p.sample("assay_run_results_total", Map.of("status", "ok")).value());
        assertEquals(sieve.invocationId(), p.sample("assay_run_invocation_running", Map.of()).labels().get("invocation"),
                "only the invocation running now");
        OpenMetricsParser.Sample last = p.sample("assay_run_last_memory_latency_chase_seconds", Map.of("host", "bench-01"));
        assertEquals(12.5e-9, last.value(), 1e-21, "ns published as seconds");
        assertEquals("seconds", p.families().get("assay_run_last_memory_latency_chase_seconds").unit());
        assertEquals(3.6e9, p.sample("assay_probe_cpu_freq_hertz", Map.of("scope", "cpu0")).value());
        assertEquals(3.4e9, p.sample("assay_probe_cpu_freq_hertz", Map.of("scope", "cpu1")).value());
        assertTrue(p.samples("assay_probe_cpu_freq_watts").size() == 1, "another unit is another family, not a clash");

        InvocationResult failed = InvocationResult.builder().invocationId(sieve.invocationId()).workload("cpu.primes.sieve")
                .metric("cpu.primes.sieve").unit("ops/s").status(Status.failed).reason("fork died").build();
        run.finished(sieve, List.of(failed));
        run.ended();
        p = OpenMetricsParser.parse(OpenMetricsText.openMetrics(m.snapshot()));
        assertEquals(2, p.sample("assay_run_invocations_done_total", Map.of()).value());
        assertEquals(1, p.sample("assay_run_results_total", Map.of("status", "failed")).value());
        assertTrue(p.samples("assay_run_last_cpu_primes_sieve_ops_per_second").isEmpty(), "a failed result has no score");
        assertTrue(p.samples("assay_run_invocation_running").isEmpty(), "nothing runs after the end");
    }
}

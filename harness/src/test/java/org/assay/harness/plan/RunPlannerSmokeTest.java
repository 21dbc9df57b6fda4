package org.assay.harness.plan;

import org.assay.harness.UsageException;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlannerSmokeTest {

    private static final SizingContext VM = new SizingContext(32L << 20, 23L << 30, 2);

    private static List<PlanEntry> plan(List<Workload> ws, Suite suite, boolean smoke, ParamOverrides overrides) {
        return RunPlanner.plan(ws, suite, VM, null, n -> IntStream.range(0, n).boxed().toList(), smoke, overrides);
    }

    @Test
    void eachStepIsPlacedAsWhatItIsAndBandwidthWorkersSpread() {
        SizingContext eight = new SizingContext(32L << 20, 64L << 30, 8);
        List<String> asked = new java.util.ArrayList<>();
        Placement recording = (step, how) -> {
            asked.add(step.label() + " " + how);
            return IntStream.range(0, step.workers()).boxed().toList();
        };
        List<PlanEntry> plan = RunPlanner.plan(Workloads.matching("memory.bandwidth.triad,cpu.fft"), Suite.standard,
                eight, null, recording, false, ParamOverrides.NONE);
        // the triad and the FFT's headline size (4096) climb the ladder, the FFT's other sizes run at 1 worker
        assertEquals(List.of("1 SPREAD", "2 SPREAD", "4 SPREAD", "all cores (8) SPREAD",
                "1 COMPACT",
                "1 COMPACT", "2 COMPACT", "4 COMPACT", "all cores (8) COMPACT",
                "1 COMPACT", "1 COMPACT"), asked);
        assertEquals(asked.size(), plan.size());
        assertEquals("all cores (8)", plan.get(3).step().label());
        assertEquals(8, plan.get(3).threads());
    }

    @Test
    void aThreadsCountIsTheLaddersStepOfThatCount() {
        SizingContext eight = new SizingContext(32L << 20, 64L << 30, 8);
        List<String> asked = new java.util.ArrayList<>();
        RunPlanner.plan(Workloads.matching("cpu.dgemm"), Suite.quick, eight, List.of(8, 3), (step, how) -> {
            asked.add(step.label());
            return IntStream.range(0, step.workers()).boxed().toList();
        }, false, ParamOverrides.NONE);
        assertEquals(List.of("all cores (8)", "3"), asked);
    }

    @Test
    void smokeRunsEachWorkloadAtItsTestSizeWithTinySettingsOncePerThreadCount() {
        List<PlanEntry> plan = plan(Workloads.all(), Suite.thorough, true, ParamOverrides.NONE);
        List<PlanEntry> suitePlan = plan(Workloads.all(), Suite.thorough, false, ParamOverrides.NONE);
        assertTrue(suitePlan.size() > plan.size(), "the thorough sweep has many sizes; smoke has one each");
        for (PlanEntry e : plan) {
            assertEquals(e.workload().testParams(), e.params(), e.invocationId());
            assertEquals(e.workload().settings(MeasurementSettings.smoke(), e.params()), e.settings(), e.invocationId());
        }
        assertEquals(plan.size(), new HashSet<>(plan.stream().map(PlanEntry::invocationId).toList()).size(),
                "no invocation twice");
        // every workload the suite plans here is smoke-tested, at each of its thread counts
        assertEquals(new HashSet<>(suitePlan.stream().map(e -> e.workload().id() + "/" + e.threads()).toList()),
                new HashSet<>(plan.stream().map(e -> e.workload().id() + "/" + e.threads()).toList()));
    }

    @Test
    void smokeWithParamIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> plan(Workloads.matching("cpu.fft"), Suite.quick,
                true, ParamOverrides.parse(List.of("n=256"))));
        assertTrue(e.getMessage().startsWith("--param with --smoke"), e.getMessage());
    }
}

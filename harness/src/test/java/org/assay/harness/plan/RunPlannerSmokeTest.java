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

package org.assay.harness.plan;

import org.assay.harness.UsageException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

class ParamOverridesTest {

    private static final SizingContext VM = new SizingContext(32L << 20, 23L << 30, 2);

    private static List<PlanEntry> plan(String only, Suite suite, String... params) {
        List<Workload> ws = Workloads.matching(only);
        return RunPlanner.plan(ws, suite, VM, List.of(1), n -> IntStream.range(0, n).boxed().toList(), false,
                ParamOverrides.parse(List.of(params)));
    }

    @Test
    void eachValueBecomesOneInvocationAndReplacesEverySuiteSize() {
        List<PlanEntry> plan = plan("cpu.fft", Suite.standard, "n=256,8192");
        assertEquals(List.of(256, 8192), plan.stream().map(e -> e.params().get("n")).toList());
        // typed like the suite's own value, so results.jsonl keeps a number
        assertTrue(plan.get(0).params().get("n") instanceof Integer);
    }

    @Test
    void severalParamsMultiplyAndOnlyWorkloadsThatHaveTheParamAreChanged() {
        List<PlanEntry> plan = plan("cpu.primes.*", Suite.quick, "limit=1000000,100000000", "segmentBytes=16384");
        List<PlanEntry> sieve = plan.stream().filter(e -> e.workload().id().equals("cpu.primes.sieve")).toList();
        List<PlanEntry> mr = plan.stream().filter(e -> e.workload().id().equals("cpu.primes.millerrabin")).toList();
        assertEquals(2, sieve.size());
        assertEquals(Map.of("limit", 1_000_000L, "segmentBytes", 16384),
                Map.copyOf(sieve.get(0).params()), "limit is a long in the suite, segmentBytes an int");
        assertEquals(1, mr.size(), "Miller-Rabin has neither parameter: its quick range is kept");
    }

    @Test
    void aListValuedSweepParameterTakesTheWholeListAsOneValue() {
        List<PlanEntry> plan = plan("memory.latency.chase", Suite.quick, "workingSets=4096,1048576");
        assertEquals(1, plan.size());
        assertEquals("4096,1048576", plan.get(0).params().get("workingSets"));
    }

    @Test
    void duplicatesCollapseSoAValueIsNotMeasuredTwice() {
        assertEquals(1, plan("cpu.fft", Suite.standard, "n=4096,4096").size());
    }

    @Test
    void aParamGivenTwiceIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> ParamOverrides.parse(List.of("n=1", "n=2")));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }
}

package org.assay.workloads.sabotage;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only workloads that fail on purpose: {@code test.sabotage.verify} (the kernel's check
 * fails), {@code test.sabotage.crash} (the fork dies) and {@code test.sabotage.harness} (the
 * measurement succeeds and the harness itself then throws, as a bug or a full disk would).
 */
public final class SabotageWorkload implements Workload {

    private final String failure;

    public SabotageWorkload(String failure) {
        this.failure = failure;
    }

    @Override public String id() { return "test.sabotage." + failure; }

    @Override public String summary() { return "fails on purpose (" + failure + "): tests the harness"; }

    @Override public int definitionVersion() { return 1; }

    @Override public String benchmark() { return "org.assay.workloads.sabotage.SabotageBench.work"; }

    @Override public String unit() { return "ops/s"; }

    @Override public boolean higherIsBetter() { return true; }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return List.of(testParams());
    }

    @Override
    public Map<String, Object> testParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("failure", failure);
        return p;
    }

    @Override
    public List<Integer> threadCounts(Suite suite, int maxThreads) {
        return List.of(1);
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        if ("harness".equals(failure)) {
            throw new IllegalStateException("sabotage: the harness fails after the measurement");
        }
        return 1;
    }
}

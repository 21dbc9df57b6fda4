package org.assay.workloads.sabotage;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only workloads that fail on purpose: {@code test.sabotage.verify} (the kernel's check
 * fails), {@code test.sabotage.crash} (the fork dies) and {@code test.sabotage.harness} (the
 * measurement succeeds and the harness itself then throws, as a bug or a full disk would).
 */
public final class SabotageWorkload extends DescribedWorkload {

    private final String failure;

    public SabotageWorkload(String failure) {
        super("test.sabotage." + failure, 1, "org.assay.workloads.sabotage.SabotageBench.work", "ops/s", true,
                "fails on purpose (" + failure + "): tests the harness");
        this.failure = failure;
    }

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
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
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

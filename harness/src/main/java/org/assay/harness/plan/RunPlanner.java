package org.assay.harness.plan;

import org.assay.harness.UsageException;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Expands a suite (or {@code --only} selection) into invocations: workload x parameter set x
 * thread count, each with its CPUs and an estimated duration. Every invocation is validated
 * here, before anything runs, so an impossible plan is refused as a whole.
 */
public final class RunPlanner {

    /** JVM start, JMH's fork handshake and class loading, measured at ~1 s here; rounded up. */
    static final double FORK_OVERHEAD_SECONDS = 1.5;
    /** Set-up/tear-down hooks and synchronisation between iterations. */
    static final double PER_ITERATION_OVERHEAD_SECONDS = 0.05;

    private RunPlanner() {
    }

    /**
     * @param threadOverride thread counts from {@code --threads}, or null for the suite's own
     * @param placement      CPUs for n workers; throws {@link UsageException} when impossible
     * @param smoke          {@code --smoke}: each workload's test size and tiny JMH settings instead
     *                       of the suite's, to check the whole path quickly
     */
    public static List<PlanEntry> plan(List<Workload> workloads, Suite suite, SizingContext sizing,
                                List<Integer> threadOverride, IntFunction<List<Integer>> placement, boolean smoke) {
        return plan(workloads, suite, sizing, threadOverride, placement, smoke, ParamOverrides.NONE);
    }

    /** With a placement by count alone (tests): every step's workers on {@code placement.apply(n)}. */
    public static List<PlanEntry> plan(List<Workload> workloads, Suite suite, SizingContext sizing,
                                List<Integer> threadOverride, IntFunction<List<Integer>> placement,
                                boolean smoke, ParamOverrides paramOverrides) {
        return plan(workloads, suite, sizing, threadOverride, (Placement) (step, how) -> placement.apply(step.workers()),
                smoke, paramOverrides);
    }

    /**
     * @param placement      CPUs for a step's workers ({@link MachineFacts#place}); throws
     *                       {@link UsageException} when impossible
     * @param paramOverrides {@code --param} values replacing the suite's (validated like the suite's own)
     */
    public static List<PlanEntry> plan(List<Workload> workloads, Suite suite, SizingContext sizing,
                                List<Integer> threadOverride, Placement placement,
                                boolean smoke, ParamOverrides paramOverrides) {
        if (smoke && !paramOverrides.isEmpty()) {
            throw new UsageException("--param with --smoke: --smoke replaces every size by a tiny test size; drop one of them");
        }
        Map<Workload, List<Map<String, Object>>> suiteSets = new LinkedHashMap<>();
        for (Workload w : workloads) {
            suiteSets.put(w, w.paramSets(suite, sizing));
        }
        paramOverrides.checkKnown(workloads, suiteSets);
        MeasurementSettings settings = smoke ? MeasurementSettings.smoke() : MeasurementSettings.forSuite(suite);
        List<PlanEntry> plan = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (Workload w : workloads) {
            // the suite's sizes are fitted to each placement; sizes the user gave with --param stay as given
            boolean fitToWorkers = !smoke && !paramOverrides.setsAnyOf(suiteSets.get(w));
            for (Map<String, Object> suiteParams : paramSets(w, suiteSets.get(w), smoke, paramOverrides)) {
                for (ScalingLadder.Step step : steps(w, suite, sizing, suiteParams, threadOverride)) {
                    int threads = step.workers();
                    List<Integer> cpus = w.workerCpus(suiteParams, placement.place(step, w.workerPlacement()), sizing);
                    Map<String, Object> params = fitToWorkers ? w.sizedForWorkers(suiteParams, cpus, sizing) : suiteParams;
                    try {
                        w.validate(params, threads, sizing);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(w.id() + ": " + e.getMessage());
                    }
                    MeasurementSettings own = w.settings(settings, params); // a sweep rounds its iterations
                    PlanEntry entry = new PlanEntry(w, params, threads, cpus, own, estimate(w, params, threads, own), step);
                    if (planned.add(entry.invocationId())) { // a repeated --threads value runs once
                        plan.add(entry);
                    }
                }
            }
        }
        return plan;
    }

    /**
     * The workload's steps for this parameter set, or {@code --threads}' counts, each read as the
     * machine's ladder step of that count when there is one ({@link ScalingLadder#forCount}).
     */
    private static List<ScalingLadder.Step> steps(Workload w, Suite suite, SizingContext sizing,
                                                  Map<String, Object> params, List<Integer> threadOverride) {
        if (threadOverride == null) {
            return w.threadSteps(suite, sizing, params);
        }
        List<ScalingLadder.Step> steps = new ArrayList<>();
        for (int threads : threadOverride) {
            if (threads < 1) {
                throw new UsageException("--threads " + threads + ": thread counts must be at least 1");
            }
            steps.add(ScalingLadder.forCount(threads, sizing));
        }
        return steps;
    }

    /**
     * The parameter sets a workload runs: the suite's (or {@code --param}'s), or under smoke its one
     * test size, which stands in for all of the suite's sizes. A workload the suite gives no
     * sizes on this machine (none fit) stays out under smoke too.
     */
    private static List<Map<String, Object>> paramSets(Workload w, List<Map<String, Object>> suiteSets, boolean smoke,
                                                       ParamOverrides paramOverrides) {
        if (smoke) {
            return suiteSets.isEmpty() ? List.of() : List.of(w.testParams());
        }
        return paramOverrides.apply(w, suiteSets);
    }

    public static double estimate(Workload w, Map<String, Object> params, int threads, MeasurementSettings m) {
        int iterations = m.warmupIterations() + m.measurementIterations();
        return m.forks() * (FORK_OVERHEAD_SECONDS + w.setupSeconds(params, threads)
                + iterations * PER_ITERATION_OVERHEAD_SECONDS) + m.timedSeconds();
    }

    public static double totalSeconds(List<PlanEntry> plan) {
        return plan.stream().mapToDouble(PlanEntry::estimatedSeconds).sum();
    }
}

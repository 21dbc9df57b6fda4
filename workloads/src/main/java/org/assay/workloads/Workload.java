package org.assay.workloads;

import java.util.List;
import java.util.Map;

/**
 * One measurable thing: a kernel, its JMH benchmark, its metric and how suites size it.
 *
 * <p>{@link #definitionVersion()} is bumped whenever the method changes (kernel, byte counting,
 * verification that changes timing), so that results of different methods are never compared
 * as if alike.
 */
public interface Workload {

    /** Stable id, equal to the primary metric name, e.g. {@code memory.bandwidth.triad}. */
    String id();

    String summary();

    int definitionVersion();

    /** Fully qualified JMH benchmark, {@code class.method}. */
    String benchmark();

    String unit();

    boolean higherIsBetter();

    /** Parameter sets the suite measures, each with numbers as numbers. */
    List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing);

    /** A size small enough for unit tests and CI smoke runs. */
    Map<String, Object> testParams();

    /** Thread counts for the suite, given the machine (the most the placement allows is {@code sizing.maxThreads()}). */
    default List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        int maxThreads = sizing.maxThreads();
        return maxThreads > 1 ? List.of(1, maxThreads) : List.of(1);
    }

    /**
     * The steps this parameter set runs at (each a thread count that knows whether it is a power
     * of two, one LLC domain, one node, one socket, all cores or all hardware threads): the
     * planner places each step by its scope. By default {@link #threadCounts} as bare counts,
     * the largest being all cores.
     */
    default List<ScalingLadder.Step> threadSteps(Suite suite, SizingContext sizing, Map<String, Object> params) {
        List<Integer> counts = threadCounts(suite, sizing);
        List<ScalingLadder.Step> steps = new java.util.ArrayList<>();
        for (int t : counts) {
            steps.add(ScalingLadder.forCount(t, sizing));
        }
        return steps;
    }

    /** How the workers are laid over the CPUs at a bare count ({@link WorkerPlacement}); compact by default. */
    default WorkerPlacement workerPlacement() {
        return WorkerPlacement.COMPACT;
    }

    /**
     * Refuses parameters the machine cannot give or the kernel cannot take.
     *
     * @throws IllegalArgumentException one line: what was wrong and what would be right
     */
    void validate(Map<String, Object> params, int threads, SizingContext sizing);

    /** The factor that turns JMH's ops/s (summed over workers) into {@link #unit()}. */
    double scorePerOp(Map<String, Object> params, int threads);

    /**
     * JVM flags this workload's forks get after the harness's own (heap, modules, placement), e.g.
     * a memory layout its kernel depends on. They are recorded with the others in
     * {@code settings.jvmArgs}. Empty by default.
     */
    default List<String> forkJvmArgs() {
        return List.of();
    }

    /**
     * The CPU each worker runs on, given the planner's placement for this thread count: that
     * placement by default. A workload whose parameters say where its worker must be (a NUMA
     * matrix row runs on a CPU of its node) returns that CPU instead, so the plan, the fork's
     * pinning and the recorded placement all name the CPU actually measured on.
     */
    default List<Integer> workerCpus(Map<String, Object> params, List<Integer> planned, SizingContext sizing) {
        return planned;
    }

    /**
     * The suite's parameters fitted to the CPUs an invocation's workers were placed on: the
     * planner calls it with each placement, unless {@code --param} set the sizes. STREAM-style
     * kernels size their arrays from the last-level caches those CPUs reach, not every cache of
     * the machine, so one worker on a 24-L3 server gets 4x one L3, not 4x all 24. Returns the
     * parameters unchanged by default.
     */
    default Map<String, Object> sizedForWorkers(Map<String, Object> suiteParams, List<Integer> cpus, SizingContext sizing) {
        return suiteParams;
    }

    /**
     * The heap this invocation's fork gets: {@link ForkHeap#BYTES} unless the kernel's on-heap
     * arrays for {@code threads} workers need more ({@link ForkHeap#forNeeds}).
     */
    default long forkHeapBytes(Map<String, Object> params, int threads) {
        return ForkHeap.BYTES;
    }

    /**
     * Parameters the suite derives from the machine or from the workload's identity (a NUMA
     * cell's nodes and CPU, a STREAM kernel's kind) rather than sizes a user may choose: the
     * harness refuses {@code --param} for them. Empty by default.
     */
    default java.util.Set<String> derivedParams() {
        return java.util.Set.of();
    }

    /** Seconds of set-up per fork beyond JVM start (allocation, first touch, verification). */
    default double setupSeconds(Map<String, Object> params, int threads) {
        return 0.2;
    }

    /**
     * The parameter points of a sweep: one invocation that measures several points in one fork,
     * measurement iteration k belonging to point {@code k mod n} (see PointerChaseBench for why).
     * The harness reports one result per point with that point's params. Empty (the default):
     * one invocation, one result.
     */
    default List<Map<String, Object>> sweepPoints(Map<String, Object> params) {
        return List.of();
    }

    /**
     * The measurement settings this invocation runs with, given the suite's (or --smoke's). A
     * sweep needs its iteration counts to be whole rounds over its points; others take the base.
     */
    default MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return base;
    }

    static long longParam(Map<String, Object> params, String name) {
        Object v = params.get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + s + "'");
            }
        }
        throw new IllegalArgumentException("missing parameter " + name);
    }
}

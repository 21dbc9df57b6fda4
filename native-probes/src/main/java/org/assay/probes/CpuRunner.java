package org.assay.probes;

import java.util.function.DoubleSupplier;

/**
 * Runs a short measurement with the calling thread on a given CPU. The add-chain clock estimate
 * measures the core of the thread that runs it, and the profiler's thread is JMH's control
 * thread, which runs wherever the scheduler puts it: to estimate a worker's clock, the estimate
 * has to be moved onto the worker's CPU. The probes cannot move threads themselves (they hold no
 * affinity code); the fork supplies a runner that can.
 */
@FunctionalInterface
public interface CpuRunner {

    /**
     * {@code task}'s value, computed with the calling thread on {@code cpu}, the thread's own
     * placement restored afterwards; NaN when the thread could not be placed on {@code cpu}
     * (a value computed elsewhere would be attributed to the wrong core).
     */
    double onCpu(int cpu, DoubleSupplier task);

    /** A runner that cannot move threads: every placement fails, so no estimate is attributed to a CPU. */
    CpuRunner NONE = (cpu, task) -> Double.NaN;
}

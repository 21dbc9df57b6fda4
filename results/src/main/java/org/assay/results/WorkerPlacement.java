package org.assay.results;

import java.util.List;

/**
 * Where one worker of an invocation was planned and where it was seen running: one entry of an
 * {@link InvocationResult}'s {@code placement}.
 *
 * <p>The location fields describe the <em>planned</em> CPU in the run's topology, so a reader can
 * tell which workers shared a core, a last-level cache, a NUMA node or a socket without the
 * inventory; they are null where the topology does not describe that CPU. The observed CPUs are
 * what the worker read with {@code sched_getcpu} inside the fork: right after pinning, at the
 * edges of its iterations (workloads that report them) and at tear-down; null or empty when it
 * did not report.
 *
 * @param worker       JMH's thread index
 * @param plannedCpu   the CPU the plan gave the worker; null when none was planned
 * @param coreCpus     the planned CPU's physical core, as its CPUs in kernel list syntax ({@code "0,192"})
 * @param llcCpus      its last-level cache instance, as the CPUs sharing it ({@code "0-7,192-199"})
 * @param numaNode     its NUMA node
 * @param socket       its socket ({@code physical_package_id})
 * @param setupCpu     observed right after pinning
 * @param measuredCpus the distinct CPUs observed at iteration edges, in order of first sighting
 * @param teardownCpu  observed at tear-down
 * @param verdict      {@link #AS_PLANNED}, {@link #MISPLACED} (some reading differs from the plan)
 *                     or {@link #UNKNOWN} (no reading, or no plan to compare with)
 * @param problem      what went wrong, in one line; null when placed as planned
 */
public record WorkerPlacement(int worker, Integer plannedCpu, String coreCpus, String llcCpus, Integer numaNode,
                              Integer socket, Integer setupCpu, List<Integer> measuredCpus, Integer teardownCpu,
                              String verdict, String problem) {

    public static final String AS_PLANNED = "asPlanned";
    public static final String MISPLACED = "misplaced";
    public static final String UNKNOWN = "unknown";

    public WorkerPlacement {
        measuredCpus = Unmodifiable.list(measuredCpus);
        if (!AS_PLANNED.equals(verdict) && !MISPLACED.equals(verdict) && !UNKNOWN.equals(verdict)) {
            throw new IllegalArgumentException("worker " + worker + ": verdict must be " + AS_PLANNED + ", "
                    + MISPLACED + " or " + UNKNOWN + ", got " + verdict);
        }
    }

    public boolean misplaced() {
        return MISPLACED.equals(verdict);
    }
}

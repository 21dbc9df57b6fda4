package org.assay.workloads;

/**
 * How a workload wants its workers laid over the CPUs when a step leaves the choice open (a
 * power-of-two count below all cores). Domain steps (one LLC, one node, one socket) confine the
 * workers to one domain whatever the workload, and all cores / all hardware threads use every
 * core / CPU; the rule itself is the placement planner's (docs/placement.md).
 */
public enum WorkerPlacement {
    /**
     * Workers packed into the smallest domain that holds them (cores of one LLC, then one node,
     * then one socket): a kernel whose data is its own scales with cores, and packing shows
     * what sharing an L3 or a socket's power budget costs it.
     */
    COMPACT,
    /**
     * Workers dealt round-robin over sockets, then nodes, then LLC domains, then cores, as
     * STREAM is run with {@code OMP_PROC_BIND=spread}: a bandwidth kernel at 8 workers should
     * load 8 memory controllers' worth of the machine, not one CCD's link to memory.
     */
    SPREAD
}

package org.assay.harness.plan;

import java.util.List;

/**
 * Where each worker thread runs.
 *
 * @param cpuPerWorker the CPU of worker 0, 1, 2...
 * @param notes        what a reader of the result should know about the placement: SMT siblings
 *                     in use, workers spanning NUMA nodes, CPUs whose topology was unknown
 */
public record PlacementPlan(List<Integer> cpuPerWorker, List<String> notes) {
    public PlacementPlan {
        cpuPerWorker = List.copyOf(cpuPerWorker);
        notes = List.copyOf(notes);
    }
}

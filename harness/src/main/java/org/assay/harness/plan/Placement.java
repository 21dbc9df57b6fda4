package org.assay.harness.plan;

import org.assay.workloads.ScalingLadder;
import org.assay.workloads.WorkerPlacement;

import java.util.List;

/** Where a step's workers run: one CPU per worker, worker 0 first ({@link MachineFacts#place}). */
@FunctionalInterface
public interface Placement {

    /** @throws org.assay.harness.UsageException when the step cannot be placed on the run's CPUs */
    List<Integer> place(ScalingLadder.Step step, WorkerPlacement how);
}

package org.assay.harness.execution;

import org.assay.harness.plan.PlanEntry;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeSample;

import java.util.List;

/**
 * What a run tells a live watcher (the {@code /metrics} endpoint) as it goes: each invocation's
 * start and results, and each probe sample. Called on the run's threads, so an observer must be
 * quick and must not throw; the bundle is written whatever it does.
 */
public interface RunObserver {

    /** Observes nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /** Invocation {@code index} (from 0) of {@code total} is starting. */
    default void started(int index, int total, PlanEntry entry) {
    }

    /** The invocation finished with these results (one, or one per sweep point). */
    default void finished(PlanEntry entry, List<InvocationResult> results) {
    }

    /** One sample of every probe, as written to probes.csv. */
    default void probed(List<ProbeSample> readings) {
    }
}

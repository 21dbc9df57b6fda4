package org.assay.harness.execution;

import org.assay.analysis.PrecisionTarget;
import org.assay.harness.plan.PlanEntry;

/**
 * The run's precision target: the half-width, as a fraction of the score, each invocation
 * measures towards, and the wall time it may spend. Without {@code --max-time} each invocation
 * may take {@value #CAP_FACTOR} times its planned estimate, so a run's worst case is known before
 * it starts (the plan shows it).
 *
 * @param maxSeconds the per-invocation budget, or null for the cap derived from the plan
 */
public record PrecisionGoal(double fraction, Double maxSeconds) {

    public static final double CAP_FACTOR = 3;
    /** The thorough suite's default target. */
    public static final double THOROUGH_DEFAULT = 0.01;

    public PrecisionGoal {
        // the same checks as the target's, once, before anything is measured
        new PrecisionTarget(fraction, maxSeconds == null ? 1 : maxSeconds);
    }

    /** The most wall time this invocation may take, its planned run included. */
    public double capSeconds(PlanEntry e) {
        return maxSeconds != null ? maxSeconds : Math.max(1, CAP_FACTOR * e.estimatedSeconds());
    }

    public PrecisionTarget target(PlanEntry e) {
        return new PrecisionTarget(fraction, capSeconds(e));
    }
}

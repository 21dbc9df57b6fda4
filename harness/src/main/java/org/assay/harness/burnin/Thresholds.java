package org.assay.harness.burnin;

import org.assay.profiles.BurnInThresholds;

/**
 * The limits a burn-in is judged by, every one set: the command line over a phase's criteria
 * over the plan's or profile's thresholds over these defaults (docs/burn-in.md explains each).
 */
public record Thresholds(double maxDrop, double maxCv, double maxTemp, long maxThrottleEvents, double maxSteal,
                         long maxCorrectedErrors) {

    /** 10% drop, CV 15%, 95 °C, no throttle event, 5% steal, no corrected error. */
    public static final BurnInThresholds DEFAULTS = new BurnInThresholds(0.10, 0.15, 95.0, 0L, 5.0, 0L);

    /** {@code given} completed with the defaults. */
    public static Thresholds of(BurnInThresholds given) {
        BurnInThresholds t = (given == null ? BurnInThresholds.NONE : given).over(DEFAULTS);
        return new Thresholds(t.maxDrop(), t.maxCv(), t.maxTemp(), t.maxThrottleEvents(), t.maxSteal(),
                t.maxCorrectedErrors());
    }
}

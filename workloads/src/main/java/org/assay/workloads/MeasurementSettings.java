package org.assay.workloads;

/**
 * How JMH measures one invocation. JMH's own defaults (5 forks x (5+5) x 10 s) cost ~100 s per
 * parameter combination, so every invocation gets explicit settings.
 *
 * <p>Five or more measurement iterations for anything scored: with n = 3 the 99.9% interval of
 * Student's t is so wide that it crossed zero for a positive-only metric.
 */
public record MeasurementSettings(int forks, int warmupIterations, long warmupMillis,
                                  int measurementIterations, long measurementMillis) {

    public MeasurementSettings {
        if (forks < 1 || warmupIterations < 0 || measurementIterations < 1
                || warmupMillis < 1 || measurementMillis < 1) {
            throw new IllegalArgumentException("invalid measurement settings: forks " + forks
                    + ", warmup " + warmupIterations + "x" + warmupMillis + " ms, measurement "
                    + measurementIterations + "x" + measurementMillis + " ms");
        }
    }

    public static MeasurementSettings forSuite(Suite suite) {
        return switch (suite) {
            case quick -> new MeasurementSettings(1, 2, 500, 5, 500);
            case standard -> new MeasurementSettings(2, 3, 1000, 8, 1000);
            case thorough -> new MeasurementSettings(3, 5, 2000, 10, 2000);
        };
    }

    /** Tiny settings for tests and CI smoke runs: real forks, few short iterations. */
    public static MeasurementSettings smoke() {
        return new MeasurementSettings(1, 1, 100, 3, 100);
    }

    /** Seconds the timed part takes; the planner adds fork start-up and set-up. */
    public double timedSeconds() {
        return forks * (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0;
    }
}

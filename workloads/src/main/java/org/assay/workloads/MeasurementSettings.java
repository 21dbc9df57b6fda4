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

    /**
     * Short iterations for the families whose one operation is far shorter than an iteration (CPU
     * kernels, STREAM, file and socket I/O): the quick suite's five measured iterations of 300 ms,
     * the standard suite's two forks of six 500 ms iterations, both after the suite's warm-up;
     * smoke and thorough settings pass through. This is what keeps a quick run under 3 minutes and
     * a standard one under 30 on a 2-socket, 384-CPU server (docs/methodology.md); an iteration
     * still holds at least one operation of the longest kernel (DGEMM n = 2048, ~0.3 s on a core)
     * and thousands of I/Os or round trips.
     */
    public static MeasurementSettings shortIterations(MeasurementSettings base) {
        if (base.equals(forSuite(Suite.quick))) {
            return new MeasurementSettings(1, 2, 500, 5, 300);
        }
        return base.equals(forSuite(Suite.standard)) ? new MeasurementSettings(base.forks(), base.warmupIterations(), 500,
                6, 500) : base;
    }

    /** Tiny settings for tests and CI smoke runs: real forks, few short iterations. */
    public static MeasurementSettings smoke() {
        return new MeasurementSettings(1, 1, 100, 3, 100);
    }

    /** The same iterations, each shorter: warm-up and measurement times divided, at least 20 ms. */
    public MeasurementSettings shortened(int warmupDivisor, int measurementDivisor) {
        return new MeasurementSettings(forks, warmupIterations, Math.max(20, warmupMillis / warmupDivisor),
                measurementIterations, Math.max(20, measurementMillis / measurementDivisor));
    }

    /**
     * A sweep's settings (see {@link Workload#sweepPoints}): one warm-up round over its points and
     * as many measurement rounds as these settings have iterations, iteration k measuring point
     * {@code k mod points}; each iteration shortened as by {@link #shortened}.
     */
    public MeasurementSettings sweep(int points, int warmupDivisor, int measurementDivisor) {
        MeasurementSettings s = shortened(warmupDivisor, measurementDivisor);
        return new MeasurementSettings(forks, points, s.warmupMillis, points * measurementIterations, s.measurementMillis);
    }

    /** Seconds the timed part takes; the planner adds fork start-up and set-up. */
    public double timedSeconds() {
        return forks * (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0;
    }
}

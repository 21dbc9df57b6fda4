package org.assay.workloads;

/**
 * A workload whose identity is fixed when it is built: id, method version, benchmark, unit,
 * direction and summary are given once to this constructor instead of by six one-line methods
 * in every descriptor. What a workload computes (sizes, validation, scoring) stays its own.
 */
public abstract class DescribedWorkload implements Workload {

    private final String id;
    private final int definitionVersion;
    private final String benchmark;
    private final String unit;
    private final boolean higherIsBetter;
    private final String summary;

    /**
     * @param id                the metric name, e.g. {@code memory.bandwidth.triad}
     * @param definitionVersion bumped whenever the method changes (see {@link Workload#definitionVersion()})
     * @param benchmark         the JMH benchmark, {@code class.method}
     * @param unit              the unit of the score
     * @param higherIsBetter    false for latencies
     * @param summary           one line for people
     */
    protected DescribedWorkload(String id, int definitionVersion, String benchmark, String unit,
                                boolean higherIsBetter, String summary) {
        this.id = id;
        this.definitionVersion = definitionVersion;
        this.benchmark = benchmark;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.summary = summary;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final int definitionVersion() {
        return definitionVersion;
    }

    @Override
    public final String benchmark() {
        return benchmark;
    }

    @Override
    public final String unit() {
        return unit;
    }

    @Override
    public final boolean higherIsBetter() {
        return higherIsBetter;
    }
}

package org.assay.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code results.jsonl}: one workload invocation with its parameters, where it ran,
 * its primary metric with raw samples and error, its secondary metrics and how it ended.
 *
 * <p>The fields {@code metric, params, threads, cpus, unit, higherIsBetter, score, scoreError,
 * ci, samples, status, reason, secondary} are the stable contract other tools read (see
 * docs/result-format.md, the fields marked stable); they are never renamed.
 * {@code definitionVersion} is the workload's method version: it changes whenever the kernel's
 * method changes, so results of different methods are never compared as if alike.
 *
 * <p>A NaN {@code score} or {@code scoreError} is stored as null (JMH reports NaN where it has no
 * error, e.g. for a single sample): null is what the file will say, so the record says it too.
 * A failed or skipped invocation must say why.
 *
 * <p>Build one with {@link #builder()} or change one with {@link #toBuilder()}: with twenty
 * components, a positional call is easy to get wrong (three lists of CPUs, two Doubles in a row)
 * and every new field would touch each call. The builder is the one place a new field is added
 * besides the component list.
 *
 * @param invocationId unique within a run, e.g. {@code memory.bandwidth.triad[threads=2]}
 * @param requestedCpus the planned CPU per worker
 * @param cpus the CPU each worker was observed on after pinning; empty when unknown
 * @param placement per worker: planned CPU, its core, last-level cache, node and socket, and every
 *                  CPU the worker was observed on, with a verdict; empty when not recorded
 * @param ci {@code [low, high]} of the 99.9% interval, or null
 * @param start ISO-8601 instant
 * @param end ISO-8601 instant
 * @param settings forks, warmup/measurement iterations and times, jvm, jdkVersion, mode
 * @param interval how {@code scoreError} and {@code ci} were computed: method ({@code fork-means}
 *                 or {@code within-fork}), forks, iterations per fork, JMH's own error, and the
 *                 precision target's outcome when one was set; null (and not written) when no
 *                 interval was computed
 * @param disturbed the iterations a robust rule marked as disturbed, with the probes' evidence,
 *                  the score without them and the spread of all iterations; null when not computed
 */
public record InvocationResult(
        String invocationId,
        String workload,
        int definitionVersion,
        String metric,
        Map<String, Object> params,
        int threads,
        List<Integer> requestedCpus,
        List<Integer> cpus,
        String unit,
        boolean higherIsBetter,
        Double score,
        Double scoreError,
        List<Double> ci,
        List<Double> samples,
        Status status,
        String reason,
        Map<String, SecondaryMetric> secondary,
        String start,
        String end,
        Map<String, Object> settings,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> interval,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> disturbed,
        List<WorkerPlacement> placement) {

    public InvocationResult {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(status, "status of " + invocationId);
        if (status != Status.ok && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(invocationId + " is " + status + " but gives no reason");
        }
        if (ci != null && ci.size() != 2) {
            throw new IllegalArgumentException(invocationId + ": ci must be [low, high], got " + ci);
        }
        score = finiteOrNull(score);
        scoreError = finiteOrNull(scoreError);
        params = Unmodifiable.map(params);
        requestedCpus = Unmodifiable.list(requestedCpus);
        cpus = Unmodifiable.list(cpus);
        ci = Unmodifiable.list(ci);
        samples = Unmodifiable.list(samples);
        secondary = Unmodifiable.map(secondary);
        settings = Unmodifiable.map(settings);
        interval = Unmodifiable.map(interval);
        disturbed = Unmodifiable.map(disturbed);
        placement = Unmodifiable.list(placement);
    }

    /** A builder with no values set: empty collections, no score, no interval, no status. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every component of this result, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .invocationId(invocationId)
                .workload(workload)
                .definitionVersion(definitionVersion)
                .metric(metric)
                .params(params)
                .threads(threads)
                .requestedCpus(requestedCpus)
                .cpus(cpus)
                .unit(unit)
                .higherIsBetter(higherIsBetter)
                .score(score)
                .scoreError(scoreError)
                .ci(ci)
                .samples(samples)
                .status(status)
                .reason(reason)
                .secondary(secondary)
                .start(start)
                .end(end)
                .settings(settings)
                .interval(interval)
                .disturbed(disturbed)
                .placement(placement);
    }

    /**
     * An invocation that started from {@code planned} but produced no verified score (the fork
     * crashed, verification threw...). The observed CPUs are unknown, so {@code cpus} is empty.
     */
    public static InvocationResult failed(PlannedInvocation planned, int definitionVersion, String unit,
                                          boolean higherIsBetter, String reason, String start, String end,
                                          Map<String, Object> settings) {
        return builder().planned(planned).definitionVersion(definitionVersion).unit(unit)
                .higherIsBetter(higherIsBetter).status(Status.failed).reason(reason).start(start).end(end)
                .settings(settings).build();
    }

    /** An invocation that was planned but not started; {@code at} is when that was decided. */
    public static InvocationResult skipped(PlannedInvocation planned, int definitionVersion, String unit,
                                           boolean higherIsBetter, String reason, String at) {
        return builder().planned(planned).definitionVersion(definitionVersion).unit(unit)
                .higherIsBetter(higherIsBetter).status(Status.skipped).reason(reason).start(at).end(at).build();
    }

    /**
     * This invocation marked failed, e.g. when verification rejects its result after JMH measured
     * it. Score, error and interval are dropped so that a wrong kernel cannot post a number; the
     * samples stay as evidence.
     */
    public InvocationResult asFailed(String why) {
        return toBuilder().score(null).scoreError(null).ci(null).status(Status.failed).reason(why).build();
    }

    /** This invocation with the CPUs its workers were observed on. */
    public InvocationResult withCpus(List<Integer> observedCpus) {
        return toBuilder().cpus(observedCpus).build();
    }

    /** Whether any worker ran somewhere other than planned. */
    public boolean misplaced() {
        return placement != null && placement.stream().anyMatch(WorkerPlacement::misplaced);
    }

    /** This invocation with its secondary metrics replaced. */
    public InvocationResult withSecondary(Map<String, SecondaryMetric> newSecondary) {
        return toBuilder().secondary(newSecondary).build();
    }

    private static Double finiteOrNull(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }

    /**
     * Collects the components by name; {@link #build()} applies the record's checks (an id and a
     * status, a reason unless ok, a two-element interval) and copies the collections. Unset
     * collections are empty, unset numbers and strings null, unset ints 0 and the flag false.
     */
    public static final class Builder {
        private String invocationId;
        private String workload;
        private int definitionVersion;
        private String metric;
        private Map<String, Object> params = Map.of();
        private int threads;
        private List<Integer> requestedCpus = List.of();
        private List<Integer> cpus = List.of();
        private String unit;
        private boolean higherIsBetter;
        private Double score;
        private Double scoreError;
        private List<Double> ci;
        private List<Double> samples = List.of();
        private Status status;
        private String reason;
        private Map<String, SecondaryMetric> secondary = Map.of();
        private String start;
        private String end;
        private Map<String, Object> settings = Map.of();
        private Map<String, Object> interval;
        private Map<String, Object> disturbed;
        private List<WorkerPlacement> placement = List.of();

        private Builder() {
        }

        /** Id, workload, metric, params, threads and requested CPUs as planned. */
        public Builder planned(PlannedInvocation planned) {
            return invocationId(planned.invocationId())
                    .workload(planned.workload())
                    .metric(planned.metric())
                    .params(planned.params())
                    .threads(planned.threads())
                    .requestedCpus(planned.cpus());
        }

        public Builder invocationId(String invocationId) {
            this.invocationId = invocationId;
            return this;
        }

        public Builder workload(String workload) {
            this.workload = workload;
            return this;
        }

        public Builder definitionVersion(int definitionVersion) {
            this.definitionVersion = definitionVersion;
            return this;
        }

        public Builder metric(String metric) {
            this.metric = metric;
            return this;
        }

        public Builder params(Map<String, Object> params) {
            this.params = params;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder requestedCpus(List<Integer> requestedCpus) {
            this.requestedCpus = requestedCpus;
            return this;
        }

        public Builder cpus(List<Integer> cpus) {
            this.cpus = cpus;
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder higherIsBetter(boolean higherIsBetter) {
            this.higherIsBetter = higherIsBetter;
            return this;
        }

        public Builder score(Double score) {
            this.score = score;
            return this;
        }

        public Builder scoreError(Double scoreError) {
            this.scoreError = scoreError;
            return this;
        }

        public Builder ci(List<Double> ci) {
            this.ci = ci;
            return this;
        }

        public Builder samples(List<Double> samples) {
            this.samples = samples;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder secondary(Map<String, SecondaryMetric> secondary) {
            this.secondary = secondary;
            return this;
        }

        public Builder start(String start) {
            this.start = start;
            return this;
        }

        public Builder end(String end) {
            this.end = end;
            return this;
        }

        public Builder settings(Map<String, Object> settings) {
            this.settings = settings;
            return this;
        }

        public Builder interval(Map<String, Object> interval) {
            this.interval = interval;
            return this;
        }

        public Builder disturbed(Map<String, Object> disturbed) {
            this.disturbed = disturbed;
            return this;
        }

        public Builder placement(List<WorkerPlacement> placement) {
            this.placement = placement;
            return this;
        }

        public InvocationResult build() {
            return new InvocationResult(invocationId, workload, definitionVersion, metric, params, threads,
                    requestedCpus, cpus, unit, higherIsBetter, score, scoreError, ci, samples, status, reason,
                    secondary, start, end, settings, interval, disturbed, placement);
        }
    }
}

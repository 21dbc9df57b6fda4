package org.assay.results;

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
 * @param invocationId unique within a run, e.g. {@code memory.bandwidth.triad[threads=2]}
 * @param requestedCpus the planned CPU per worker
 * @param cpus the CPU each worker was observed on after pinning; empty when unknown
 * @param ci {@code [low, high]} of the 99.9% interval, or null
 * @param start ISO-8601 instant
 * @param end ISO-8601 instant
 * @param settings forks, warmup/measurement iterations and times, jvm, jdkVersion, mode
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
        Map<String, Object> settings) {

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
    }

    /**
     * An invocation that started from {@code planned} but produced no verified score (the fork
     * crashed, verification threw...). The observed CPUs are unknown, so {@code cpus} is empty.
     */
    public static InvocationResult failed(PlannedInvocation planned, int definitionVersion, String unit,
                                          boolean higherIsBetter, String reason, String start, String end,
                                          Map<String, Object> settings) {
        return new InvocationResult(planned.invocationId(), planned.workload(), definitionVersion,
                planned.metric(), planned.params(), planned.threads(), planned.cpus(), List.of(),
                unit, higherIsBetter, null, null, null, List.of(), Status.failed, reason, Map.of(),
                start, end, settings);
    }

    /** An invocation that was planned but not started; {@code at} is when that was decided. */
    public static InvocationResult skipped(PlannedInvocation planned, int definitionVersion, String unit,
                                           boolean higherIsBetter, String reason, String at) {
        return new InvocationResult(planned.invocationId(), planned.workload(), definitionVersion,
                planned.metric(), planned.params(), planned.threads(), planned.cpus(), List.of(),
                unit, higherIsBetter, null, null, null, List.of(), Status.skipped, reason, Map.of(),
                at, at, Map.of());
    }

    /**
     * This invocation marked failed, e.g. when verification rejects its result after JMH measured
     * it. Score, error and interval are dropped so that a wrong kernel cannot post a number; the
     * samples stay as evidence.
     */
    public InvocationResult asFailed(String why) {
        return new InvocationResult(invocationId, workload, definitionVersion, metric, params, threads,
                requestedCpus, cpus, unit, higherIsBetter, null, null, null, samples, Status.failed, why,
                secondary, start, end, settings);
    }

    /** This invocation with the CPUs its workers were observed on. */
    public InvocationResult withCpus(List<Integer> observedCpus) {
        return new InvocationResult(invocationId, workload, definitionVersion, metric, params, threads,
                requestedCpus, observedCpus, unit, higherIsBetter, score, scoreError, ci, samples, status,
                reason, secondary, start, end, settings);
    }

    /** This invocation with its secondary metrics replaced. */
    public InvocationResult withSecondary(Map<String, SecondaryMetric> newSecondary) {
        return new InvocationResult(invocationId, workload, definitionVersion, metric, params, threads,
                requestedCpus, cpus, unit, higherIsBetter, score, scoreError, ci, samples, status,
                reason, newSecondary, start, end, settings);
    }

    private static Double finiteOrNull(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }
}

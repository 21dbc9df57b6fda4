package org.assay.analysis.export;

import org.assay.analysis.openmetrics.MetricSample;
import org.assay.analysis.openmetrics.MetricType;
import org.assay.analysis.openmetrics.OpenMetricsText;
import org.assay.analysis.openmetrics.PrometheusNames;
import org.assay.analysis.openmetrics.PrometheusUnit;
import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bundle as OpenMetrics, named and labelled as Prometheus recommends.
 *
 * <p>Each metric is a family {@code assay_<metric>_<unit>} in base units (GB/s becomes
 * {@code _bytes_per_second}, ns {@code _seconds}: {@link PrometheusUnit}), with one sample per
 * result and {@code stat} = {@code score}, {@code ci_low}, {@code ci_high} (the 99.9% interval).
 * Labels: {@code host}, {@code instance_type} when known, {@code workload}, {@code metric} (Assay's
 * dotted name), {@code invocation}, {@code threads} and each parameter as {@code param_<name>}
 * (snake case). Secondary figures (clock, energy, steal, latency percentiles) are families
 * {@code assay_secondary_<name>_<unit>} with the same labels. A result without a score (failed,
 * skipped) has no sample: a missing number is never written as 0; {@code assay_run_results}
 * counts them by status.
 *
 * <p>Each sample carries its result's end time: the value is what was measured then, not what a
 * scraper sees now. {@link #samples} without timestamps is what a Pushgateway accepts.
 */
public final class OpenMetricsExport implements ExportFormat {

    /** The label names {@link #samples} may set besides {@code param_*}. */
    private static final java.util.Set<String> LABELS = java.util.Set.of("host", "instance_type", "workload", "metric",
            "invocation", "threads", "stat", "status", "suite", "cpu_model", "assay_version", "commit", "start");

    /**
     * Whether a sample of an export may carry label {@code name}. A Pushgateway group label of
     * that name would silently replace the value on every sample, so a push refuses it.
     */
    public static boolean setsLabel(String name) {
        return LABELS.contains(name) || name.startsWith("param_");
    }

    @Override
    public String name() {
        return "openmetrics";
    }

    @Override
    public String contentType() {
        return OpenMetricsText.CONTENT_TYPE;
    }

    @Override
    public String render(Bundle bundle) {
        return OpenMetricsText.openMetrics(samples(bundle, true));
    }

    /** Every sample of the bundle; with {@code timestamps} false, none has a time. */
    public static List<MetricSample> samples(Bundle bundle, boolean timestamps) {
        RunLabels run = RunLabels.of(bundle);
        Map<String, String> host = new LinkedHashMap<>();
        host.put("host", run.host());
        if (run.instanceType() != null) {
            host.put("instance_type", run.instanceType());
        }
        Instant runEnd = timestamps ? RunLabels.instant(bundle.manifest().end()) : null;
        List<MetricSample> out = new ArrayList<>();
        out.addAll(runSamples(bundle, run, host, runEnd));
        for (InvocationResult r : bundle.results()) {
            if (r.status() != Status.ok || r.score() == null || r.metric() == null) {
                continue;
            }
            Instant t = timestamps ? RunLabels.time(bundle, r) : null;
            Map<String, String> labels = resultLabels(r, host);
            PrometheusUnit unit = PrometheusUnit.of(r.unit());
            String family = PrometheusNames.family("assay", r.metric(), unit);
            String help = "Score of " + r.metric() + " (" + (r.higherIsBetter() ? "higher" : "lower")
                    + " is better; " + (r.unit() == null ? "no unit" : r.unit()) + " in the bundle) and the bounds of "
                    + "its 99.9% interval, by stat.";
            out.add(sample(family, help, unit, labels, "score", unit.convert(r.score()), t));
            if (r.ci() != null && r.ci().get(0) != null && r.ci().get(1) != null) {
                out.add(sample(family, help, unit, labels, "ci_low", unit.convert(r.ci().get(0)), t));
                out.add(sample(family, help, unit, labels, "ci_high", unit.convert(r.ci().get(1)), t));
            }
            for (Map.Entry<String, SecondaryMetric> s : new TreeMap<>(r.secondary()).entrySet()) {
                SecondaryMetric m = s.getValue();
                if (m == null || m.score() == null || !Double.isFinite(m.score())) {
                    continue;
                }
                PrometheusUnit su = PrometheusUnit.of(m.unit());
                out.add(new MetricSample(PrometheusNames.family("assay_secondary", s.getKey(), su),
                        // the help names only what the family name does: two Assay units (ns, µs) share a
                        // family, and a Pushgateway refuses one family with two help texts across groups
                        MetricType.gauge, "Secondary figure " + s.getKey() + " measured with a result"
                                + (su.suffix().isEmpty() ? "." : ", in " + su.suffix().replace('_', ' ') + "."),
                        su.suffix(), labels, su.convert(m.score()), t));
            }
        }
        return out;
    }

    private static List<MetricSample> runSamples(Bundle bundle, RunLabels run, Map<String, String> host, Instant t) {
        List<MetricSample> out = new ArrayList<>();
        Map<String, String> info = new LinkedHashMap<>(host);
        put(info, "suite", run.suite());
        put(info, "cpu_model", run.cpuModel());
        put(info, "assay_version", bundle.manifest().assayVersion());
        put(info, "commit", bundle.manifest().commit());
        put(info, "status", bundle.manifest().status() == null ? null : bundle.manifest().status().name());
        put(info, "start", bundle.manifest().start());
        out.add(new MetricSample("assay_run_info", MetricType.gauge,
                "The run: suite, CPU model, Assay version and commit, status; always 1.", "", info, 1, t));
        Instant start = RunLabels.instant(bundle.manifest().start());
        Instant end = RunLabels.instant(bundle.manifest().end());
        if (start != null) {
            out.add(new MetricSample("assay_run_start_timestamp_seconds", MetricType.gauge,
                    "When the run started, seconds since the Unix epoch.", "seconds", host,
                    start.toEpochMilli() / 1000.0, t));
        }
        if (end != null) {
            out.add(new MetricSample("assay_run_end_timestamp_seconds", MetricType.gauge,
                    "When the run ended, seconds since the Unix epoch.", "seconds", host, end.toEpochMilli() / 1000.0, t));
        }
        Map<Status, Integer> byStatus = new TreeMap<>();
        bundle.results().forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        for (Map.Entry<Status, Integer> e : byStatus.entrySet()) {
            Map<String, String> l = new LinkedHashMap<>(host);
            l.put("status", e.getKey().name());
            out.add(new MetricSample("assay_run_results", MetricType.gauge, "Results in the bundle, by status.", "",
                    l, e.getValue(), t));
        }
        return out;
    }

    private static Map<String, String> resultLabels(InvocationResult r, Map<String, String> host) {
        Map<String, String> labels = new LinkedHashMap<>(host);
        put(labels, "workload", r.workload());
        put(labels, "metric", r.metric());
        labels.put("invocation", r.invocationId());
        labels.put("threads", Integer.toString(r.threads()));
        for (Map.Entry<String, Object> p : new TreeMap<>(r.params()).entrySet()) {
            labels.put("param_" + PrometheusNames.snake(p.getKey()), String.valueOf(p.getValue()));
        }
        return labels;
    }

    private static MetricSample sample(String family, String help, PrometheusUnit unit, Map<String, String> labels,
                                       String stat, double value, Instant t) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put("stat", stat);
        return new MetricSample(family, MetricType.gauge, help, unit.suffix(), l, value, t);
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isEmpty()) {
            labels.put(name, value);
        }
    }
}

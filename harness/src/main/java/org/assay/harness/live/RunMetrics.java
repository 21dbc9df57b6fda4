package org.assay.harness.live;

import org.assay.harness.execution.RunObserver;
import org.assay.analysis.openmetrics.PrometheusNames;
import org.assay.analysis.openmetrics.PrometheusUnit;
import org.assay.harness.plan.PlanEntry;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeSample;
import org.assay.results.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what {@code assay run} does into {@link LiveMetrics}: how far the plan is, the invocation
 * running now, the last score of each metric and the latest probe readings, each labelled with
 * the host so several machines can be scraped into one Prometheus.
 *
 * <p>Scores and readings are converted to Prometheus base units ({@link PrometheusUnit}) with
 * the same names {@code assay export --format openmetrics} gives them, so a dashboard built on
 * the live figures reads the exported ones too. It never throws into the run: a reading whose
 * name clashes with another's under a different unit is left out, and the bundle is unaffected.
 */
public final class RunMetrics implements RunObserver {

    static final String PLANNED = "assay_run_invocations_planned";
    static final String DONE = "assay_run_invocations_done";
    static final String RESULTS = "assay_run_results";
    static final String RUNNING = "assay_run_invocation_running";
    static final String START = "assay_run_start_timestamp_seconds";

    private final LiveMetrics metrics;
    private final Map<String, String> host;
    private int done;
    private final Map<Status, Integer> byStatus = new LinkedHashMap<>();

    public RunMetrics(LiveMetrics metrics, String hostName, int planned) {
        this.metrics = metrics;
        this.host = Map.of("host", hostName);
        metrics.gauge(PLANNED, "Invocations in the run's plan.", "", host, planned);
        metrics.counter(DONE, "Invocations finished, whatever their outcome.", "", host, 0);
        metrics.gauge(START, "When the run started, seconds since the Unix epoch.", "seconds", host,
                System.currentTimeMillis() / 1000.0);
    }

    @Override
    public synchronized void started(int index, int total, PlanEntry entry) {
        Map<String, String> labels = new LinkedHashMap<>(host);
        labels.put("workload", entry.workload().id());
        labels.put("invocation", entry.invocationId());
        labels.put("index", Integer.toString(index + 1));
        labels.put("of", Integer.toString(total));
        metrics.replace(RUNNING, "The invocation being measured now (1), with its place in the plan.", "", labels, 1);
    }

    @Override
    public synchronized void finished(PlanEntry entry, List<InvocationResult> results) {
        done++;
        metrics.counter(DONE, "Invocations finished, whatever their outcome.", "", host, done);
        for (InvocationResult r : results) {
            byStatus.merge(r.status(), 1, Integer::sum);
            Map<String, String> s = new LinkedHashMap<>(host);
            s.put("status", r.status().name());
            metrics.counter(RESULTS, "Results recorded in the bundle, by status.", "", s, byStatus.get(r.status()));
            if (r.status() == Status.ok && r.score() != null && r.metric() != null) {
                lastScore(r);
            }
        }
    }

    private void lastScore(InvocationResult r) {
        try {
            PrometheusUnit unit = PrometheusUnit.of(r.unit());
            Map<String, String> labels = new LinkedHashMap<>(host);
            labels.put("workload", r.workload() == null ? "" : r.workload());
            labels.put("invocation", r.invocationId());
            labels.put("threads", Integer.toString(r.threads()));
            metrics.replace(PrometheusNames.family("assay_run_last", r.metric(), unit),
                    "The last score of " + r.metric() + " in this run, in " + unit.suffix().replace('_', ' ')
                            + " (" + r.unit() + " in the bundle).", unit.suffix(), labels, unit.convert(r.score()));
        } catch (IllegalArgumentException clash) {
            // same name, another unit: leave this one out rather than stop the run
        }
    }

    @Override
    public void probed(List<ProbeSample> readings) {
        for (ProbeSample p : readings) {
            try {
                PrometheusUnit unit = PrometheusUnit.of(p.unit());
                Map<String, String> labels = new LinkedHashMap<>(host);
                if (p.scope() != null && !p.scope().isEmpty()) {
                    labels.put("scope", p.scope());
                }
                metrics.gauge(PrometheusNames.family("assay_probe", p.probe(), unit),
                        "Probe " + p.probe() + ", latest reading (" + (p.unit() == null || p.unit().isEmpty() ? "no unit" : p.unit())
                                + " in probes.csv).", unit.suffix(), labels, unit.convert(p.value()));
            } catch (IllegalArgumentException clash) {
                // a name no family can use, or one taken under another unit: not published
            }
        }
    }

    /** The run is over: nothing is running any more. */
    public void ended() {
        metrics.remove(RUNNING);
    }
}

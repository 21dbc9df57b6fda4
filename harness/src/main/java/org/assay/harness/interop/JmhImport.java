package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.harness.derived.IntervalResults;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationId;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JMH result file as results, one per entry. A benchmark that is Assay's own
 * ({@link AssayBenchmarks}) becomes that workload's metric, in its unit, with its parameters, so
 * it lines up with an Assay run; any other becomes {@code jmh.<benchmark>} in JMH's unit, with
 * JMH's parameters and {@code mode} as parameters (the same method in two modes is two figures),
 * higher is better only for throughput.
 *
 * <p>The samples are JMH's raw iterations ({@code rawData}, fork by fork) and the score and
 * interval are computed from them as Assay computes its own ({@link IntervalResults}: mean of the
 * fork means, the fork-means interval for two or more forks, within one fork otherwise, JMH's own
 * error kept as {@code interval.jmhScoreError}); one sample gives no interval. A file without raw
 * data (JMH's sample mode writes a histogram instead) keeps JMH's score, error and confidence.
 */
public final class JmhImport {

    static final String PREFIX = "jmh.";

    private JmhImport() {
    }

    public static ToolImport read(JsonNode root, String file) throws ImportException {
        List<JmhJson.Entry> entries = JmhJson.read(root, file);
        List<InvocationResult> results = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String> notes = new ArrayList<>();
        for (JmhJson.Entry e : entries) {
            InvocationResult r = result(e);
            int n = seen.merge(r.invocationId(), 1, Integer::sum);
            if (n > 1) {
                // one file may hold the same benchmark twice (two runs appended): keep both, apart
                r = r.toBuilder().invocationId(r.invocationId() + "#" + n).build();
            }
            results.add(r);
        }
        notes.add("JMH's result file names no host, CPU or memory and no time: the machine and the run's time are unknown");
        JmhJson.Entry first = entries.get(0);
        return new ToolImport(ToolFormat.jmh, first.jmhVersion(), results, inventory(first), null, null, null, notes, root);
    }

    static InvocationResult result(JmhJson.Entry e) {
        Optional<AssayBenchmarks.Match> assay = AssayBenchmarks.match(e);
        JmhJson.Metric pm = e.primaryMetric();
        String metric;
        Map<String, Object> params = new LinkedHashMap<>();
        String unit;
        boolean higherIsBetter;
        double factor;
        int definitionVersion;
        if (assay.isPresent()) {
            metric = assay.get().workload().id();
            params.putAll(assay.get().params());
            unit = assay.get().workload().unit();
            higherIsBetter = assay.get().workload().higherIsBetter();
            factor = assay.get().factor();
            definitionVersion = assay.get().workload().definitionVersion();
        } else {
            metric = metricName(e.benchmark());
            params.put("mode", e.mode());
            e.params().forEach((k, v) -> params.put(k, JsonValues.typed(v)));
            unit = pm.scoreUnit();
            higherIsBetter = "thrpt".equals(e.mode());
            factor = 1;
            definitionVersion = 1;
        }
        List<List<Double>> perFork = new ArrayList<>();
        List<Double> samples = new ArrayList<>();
        for (List<Double> fork : pm.rawData()) {
            List<Double> f = fork.stream().map(x -> x * factor).toList();
            perFork.add(f);
            samples.addAll(f);
        }
        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>();
        e.secondaryMetrics().forEach((k, v) -> secondary.put(k, new SecondaryMetric(JsonValues.finite(v.score()), v.scoreUnit())));

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("harness", "jmh");
        settings.put("mode", e.mode());
        settings.put("forks", e.forks());
        settings.put("warmupIterations", e.warmupIterations());
        settings.put("warmupTime", e.warmupTime());
        settings.put("warmupBatchSize", e.warmupBatchSize());
        settings.put("measurementIterations", e.measurementIterations());
        settings.put("measurementTime", e.measurementTime());
        settings.put("measurementBatchSize", e.measurementBatchSize());
        settings.put("benchmark", e.benchmark());
        settings.put("jvm", e.jvm());
        settings.put("jvmArgs", e.jvmArgs());
        settings.put("jdkVersion", e.jdkVersion());
        settings.put("vmName", e.vmName());
        settings.put("vmVersion", e.vmVersion());
        settings.put("jmhVersion", e.jmhVersion());
        settings.put("jmhUnit", pm.scoreUnit());
        settings.put("unitPerJmhUnit", factor);
        settings.put("jmhScore", JsonValues.finite(pm.score()));
        settings.put("jmhScoreError", JsonValues.finite(pm.scoreError()));
        settings.put("jmhScoreConfidence", pm.scoreConfidence().stream().map(JsonValues::finite).toList());
        settings.put("jmhScorePercentiles", pm.scorePercentiles());
        settings.put("jmhParams", e.params());
        settings.put("assayBenchmark", assay.isPresent());

        double score = pm.score() * factor;
        List<Double> ci = pm.scoreConfidence();
        boolean ciKnown = Double.isFinite(ci.get(0)) && Double.isFinite(ci.get(1));
        InvocationResult r = InvocationResult.builder().invocationId(InvocationId.of(metric, params, e.threads()))
                .workload(metric).definitionVersion(definitionVersion).metric(metric).params(params).threads(e.threads())
                .unit(unit).higherIsBetter(higherIsBetter).score(JsonValues.finite(score))
                .scoreError(JsonValues.finite(pm.scoreError() * factor))
                .ci(ciKnown ? List.of(ci.get(0) * factor, ci.get(1) * factor) : null)
                .samples(samples).status(Double.isFinite(score) ? Status.ok : Status.failed)
                .reason(Double.isFinite(score) ? null : "JMH's score is NaN")
                .secondary(secondary).settings(settings).build();
        // the same interval Assay gives its own runs; a file with one sample has none
        return IntervalResults.apply(r, perFork, List.of(), Map.of());
    }

    /** {@code jmh.<benchmark>}, with characters a metric name cannot hold ('$', spaces) as '_'. */
    static String metricName(String benchmark) {
        return PREFIX + benchmark.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("\\.{2,}", ".");
    }

    private static JsonNode inventory(JmhJson.Entry e) {
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        ObjectNode jvm = inv.putObject("jvm");
        jvm.put("version", e.jdkVersion());
        jvm.put("vmName", e.vmName());
        jvm.put("vmVersion", e.vmVersion());
        jvm.put("javaHome", e.jvm());
        inv.putArray("notes").add("from JMH's result file: the JVM that ran the benchmark; no other machine facts are in the file");
        return inv;
    }
}

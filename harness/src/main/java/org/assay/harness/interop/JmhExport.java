package org.assay.harness.interop;

import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle as a JMH result file ({@link JmhJson}), for the tools that read JMH's format (JMH
 * Visualizer, CI plugins): one entry per measured result, in the bundle's units.
 *
 * <ul>
 *   <li>{@code benchmark} is the metric name ({@code storage.randread}); a figure imported from
 *       JMH gets its own benchmark name back ({@code jmh.} dropped), so export after import gives
 *       JMH's names;</li>
 *   <li>{@code params}: the result's parameters as strings; for an imported JMH figure JMH's own
 *       ({@code settings.jmhParams});</li>
 *   <li>{@code primaryMetric}: the bundle's score, its 99.9% half-width as {@code scoreError} and
 *       {@code ci} as {@code scoreConfidence} ("NaN" where the bundle has none), percentiles of
 *       the samples by JMH's own {@code ListStatistics}, {@code rawData} the samples fork by fork
 *       ({@code interval.iterationsPerFork});</li>
 *   <li>{@code secondaryMetrics}: each secondary figure with a value, as a metric of one value
 *       (the bundle keeps one number per secondary, so its error is "NaN").</li>
 * </ul>
 *
 * Failed and skipped results have no score and are left out, as JMH leaves out a benchmark that
 * failed.
 */
public final class JmhExport implements ExportFormat {

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public byte[] render(Bundle bundle) throws IOException {
        return JmhJson.write(entries(bundle));
    }

    /** The bundle's measured results as JMH entries. */
    public static List<JmhJson.Entry> entries(Bundle bundle) {
        List<JmhJson.Entry> out = new ArrayList<>();
        for (InvocationResult r : bundle.results()) {
            if (r.status() == Status.ok && r.score() != null) {
                out.add(entry(r));
            }
        }
        return out;
    }

    static JmhJson.Entry entry(InvocationResult r) {
        Map<String, Object> s = r.settings() == null ? Map.of() : r.settings();
        String benchmark = r.metric().startsWith(JmhImport.PREFIX) && s.get("benchmark") instanceof String b
                ? b : r.metric();
        Map<String, String> params = new LinkedHashMap<>();
        if (r.metric().startsWith(JmhImport.PREFIX) && s.get("jmhParams") instanceof Map<?, ?> jp) {
            jp.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
        } else {
            r.params().forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        List<List<Double>> raw = perFork(r);
        ListStatistics stats = new ListStatistics();
        r.samples().stream().filter(x -> x != null).forEach(stats::addValue);
        Map<String, Double> pct = new LinkedHashMap<>();
        for (double p : JmhJson.PERCENTILES) {
            pct.put(String.valueOf(p), stats.getN() == 0 ? r.score() : stats.getPercentile(p));
        }
        List<Double> ci = r.ci() == null ? List.of(Double.NaN, Double.NaN) : r.ci();
        JmhJson.Metric primary = new JmhJson.Metric(r.score(), r.scoreError() == null ? Double.NaN : r.scoreError(),
                ci, pct, r.unit(), raw.isEmpty() ? List.of(List.of(r.score())) : raw);
        Map<String, JmhJson.Metric> secondary = new LinkedHashMap<>();
        for (Map.Entry<String, SecondaryMetric> e : (r.secondary() == null ? Map.<String, SecondaryMetric>of() : r.secondary()).entrySet()) {
            Double v = e.getValue().score();
            if (v == null) {
                continue;
            }
            Map<String, Double> one = new LinkedHashMap<>();
            JmhJson.PERCENTILES.forEach(p -> one.put(String.valueOf(p), v));
            secondary.put(e.getKey(), new JmhJson.Metric(v, Double.NaN, List.of(Double.NaN, Double.NaN), one,
                    e.getValue().unit(), List.of(List.of(v))));
        }
        int forks = raw.isEmpty() ? intOf(s.get("forks"), 1) : raw.size();
        return new JmhJson.Entry(text(s.get("jmhVersion")), benchmark, s.get("mode") == null ? "thrpt" : String.valueOf(s.get("mode")),
                r.threads(), forks, text(s.get("jvm")), jvmArgs(s.get("jvmArgs")), text(s.get("jdkVersion")),
                text(s.get("vmName")), text(s.get("vmVersion")), intOf(s.get("warmupIterations"), 0),
                time(s.get("warmupTime"), s.get("warmupMillis")), intOf(s.get("warmupBatchSize"), 1),
                intOf(s.get("measurementIterations"), r.samples().size()),
                time(s.get("measurementTime"), s.get("measurementMillis")), intOf(s.get("measurementBatchSize"), 1),
                params, primary, secondary);
    }

    /** The samples split into forks by {@code interval.iterationsPerFork}; one fork when the bundle does not say. */
    static List<List<Double>> perFork(InvocationResult r) {
        List<Double> samples = r.samples().stream().filter(x -> x != null).toList();
        if (samples.isEmpty()) {
            return List.of();
        }
        Object counts = r.interval() == null ? null : r.interval().get("iterationsPerFork");
        List<List<Double>> out = new ArrayList<>();
        if (counts instanceof List<?> list && list.stream().mapToInt(c -> intOf(c, 0)).sum() == samples.size()) {
            int at = 0;
            for (Object c : list) {
                int n = intOf(c, 0);
                out.add(samples.subList(at, at + n));
                at += n;
            }
            return out;
        }
        return List.of(samples);
    }

    private static String time(Object text, Object millis) {
        if (text instanceof String t) {
            return t;
        }
        return millis instanceof Number n ? n.longValue() + " ms" : null;
    }

    private static List<String> jvmArgs(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static int intOf(Object o, int otherwise) {
        return o instanceof Number n ? n.intValue() : otherwise;
    }
}

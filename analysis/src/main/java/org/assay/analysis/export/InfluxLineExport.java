package org.assay.analysis.export;

import org.assay.analysis.openmetrics.PrometheusNames;
import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bundle as InfluxDB line protocol (1.x {@code /write}, nanosecond precision).
 *
 * <p>One measurement per category: {@code assay_cpu}, {@code assay_memory}, {@code assay_storage},
 * {@code assay_network} (the prefix keeps them apart from Telegraf's own {@code cpu} and
 * {@code mem} in a shared database). Each result is one point with tags {@code host},
 * {@code instance_type} (when known), {@code suite}, {@code workload}, {@code metric},
 * {@code invocation}, {@code threads}, {@code unit} and {@code param_<name>} per parameter, and
 * fields {@code score}, {@code score_error}, {@code ci_low}, {@code ci_high}, {@code samples}
 * (integer), {@code higher_is_better}, {@code status} and {@code reason}. Units are the bundle's
 * own, named by the {@code unit} tag. Each secondary figure is a point of its own with the same
 * tags plus {@code secondary} (its name) and its own {@code unit}, and one field {@code value}.
 *
 * <p>A number that is absent (no score, NaN) is left out, never written as 0; the point's time
 * is the result's end in nanoseconds. Escaping follows the 1.x rules: in measurements commas
 * and spaces, in tag keys, tag values and field keys also equals signs; string fields escape
 * backslash and double quote. Line breaks, which no part of a line may hold, become spaces.
 */
public final class InfluxLineExport implements ExportFormat {

    @Override
    public String name() {
        return "influx";
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public String render(Bundle bundle) {
        RunLabels run = RunLabels.of(bundle);
        StringBuilder sb = new StringBuilder();
        for (InvocationResult r : bundle.results()) {
            String measurement = measurement("assay_" + RunLabels.category(r));
            Map<String, String> tags = tags(run, r);
            Instant t = RunLabels.time(bundle, r);
            Map<String, String> fields = new LinkedHashMap<>();
            number(fields, "score", r.score());
            number(fields, "score_error", r.scoreError());
            if (r.ci() != null) {
                number(fields, "ci_low", r.ci().get(0));
                number(fields, "ci_high", r.ci().get(1));
            }
            fields.put("samples", r.samples().size() + "i");
            fields.put("higher_is_better", Boolean.toString(r.higherIsBetter()));
            fields.put("status", string(r.status().name()));
            if (r.reason() != null) {
                fields.put("reason", string(r.reason()));
            }
            Map<String, String> primary = new TreeMap<>(tags);
            put(primary, "unit", r.unit());
            line(sb, measurement, primary, fields, t);
            if (r.status() != Status.ok) {
                continue;
            }
            for (Map.Entry<String, SecondaryMetric> s : new TreeMap<>(r.secondary()).entrySet()) {
                SecondaryMetric m = s.getValue();
                if (m == null || m.score() == null || !Double.isFinite(m.score())) {
                    continue;
                }
                Map<String, String> st = new TreeMap<>(tags);
                st.put("secondary", s.getKey());
                put(st, "unit", m.unit());
                Map<String, String> value = new LinkedHashMap<>();
                number(value, "value", m.score());
                line(sb, measurement, st, value, t);
            }
        }
        return sb.toString();
    }

    private static Map<String, String> tags(RunLabels run, InvocationResult r) {
        Map<String, String> tags = new TreeMap<>(); // sorted by key, as InfluxDB recommends
        put(tags, "host", run.host());
        put(tags, "instance_type", run.instanceType());
        put(tags, "suite", run.suite());
        put(tags, "workload", r.workload());
        put(tags, "metric", r.metric());
        put(tags, "invocation", r.invocationId());
        tags.put("threads", Integer.toString(r.threads()));
        r.params().forEach((k, v) -> put(tags, "param_" + PrometheusNames.snake(k), String.valueOf(v)));
        return tags;
    }

    private static void line(StringBuilder sb, String measurement, Map<String, String> tags, Map<String, String> fields,
                             Instant t) {
        sb.append(measurement);
        tags.forEach((k, v) -> sb.append(',').append(key(k)).append('=').append(key(v)));
        sb.append(' ');
        boolean first = true;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(key(f.getKey())).append('=').append(f.getValue());
        }
        if (t != null) {
            sb.append(' ').append(nanos(t));
        }
        sb.append('\n');
    }

    static String nanos(Instant t) {
        return Long.toString(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()));
    }

    /** A measurement name: commas and spaces escaped. */
    static String measurement(String m) {
        return oneLine(m).replace("\\", "\\\\").replace(",", "\\,").replace(" ", "\\ ");
    }

    /** A tag key, tag value or field key: commas, equals signs and spaces escaped. */
    static String key(String k) {
        return oneLine(k).replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    /** A string field value, quoted, with backslash and double quote escaped. */
    static String string(String v) {
        return '"' + oneLine(v).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static void number(Map<String, String> fields, String name, Double v) {
        if (v != null && Double.isFinite(v)) {
            fields.put(name, Double.toString(v)); // a float field: 3.0, never "3" (an integer needs the i suffix)
        }
    }

    private static void put(Map<String, String> tags, String k, String v) {
        if (v != null && !v.isEmpty()) { // line protocol has no empty tag value
            tags.put(k, v);
        }
    }
}

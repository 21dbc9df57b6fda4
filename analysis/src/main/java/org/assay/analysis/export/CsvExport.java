package org.assay.analysis.export;

import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.assay.results.ProbesCsv;
import org.assay.results.SecondaryMetric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A bundle as one flat CSV table for a spreadsheet or pandas: one row per figure of each result,
 * the primary score first ({@code figure} = {@code score}) then each secondary figure
 * ({@code figure} = its name), every row with its unit. The run's host and suite repeat on each
 * row, and each parameter any result has is a column {@code param.<name>} (empty where a result
 * does not have it), so a filter on one column never needs a join.
 *
 * <p>Numbers are written as {@link Double#toString} writes them, whatever the locale; a number
 * that is absent is an empty cell, never 0. Cells are quoted as RFC 4180 asks.
 */
public final class CsvExport implements ExportFormat {

    static final List<String> COLUMNS = List.of("host", "instance_type", "suite", "category", "workload", "metric",
            "invocation", "threads", "figure", "value", "unit", "score_error", "ci_low", "ci_high", "samples",
            "higher_is_better", "status", "reason", "start", "end", "time_unix_nanos");

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8; header=present";
    }

    @Override
    public String render(Bundle bundle) {
        RunLabels run = RunLabels.of(bundle);
        TreeSet<String> params = new TreeSet<>();
        bundle.results().forEach(r -> params.addAll(r.params().keySet()));
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(COLUMNS);
        params.forEach(p -> header.add("param." + p));
        row(sb, header);
        for (InvocationResult r : bundle.results()) {
            Instant t = RunLabels.time(bundle, r);
            boolean hasCi = r.ci() != null;
            row(sb, cells(run, r, params, t, "score", r.score(), r.unit(), r.scoreError(),
                    hasCi ? r.ci().get(0) : null, hasCi ? r.ci().get(1) : null, r.samples().size()));
            for (Map.Entry<String, SecondaryMetric> s : new TreeMap<>(r.secondary()).entrySet()) {
                SecondaryMetric m = s.getValue();
                row(sb, cells(run, r, params, t, s.getKey(), m == null ? null : m.score(), m == null ? null : m.unit(),
                        null, null, null, null));
            }
        }
        return sb.toString();
    }

    private static List<String> cells(RunLabels run, InvocationResult r, TreeSet<String> params, Instant t, String figure,
                                      Double value, String unit, Double error, Double low, Double high, Integer samples) {
        List<String> c = new ArrayList<>();
        c.add(run.host());
        c.add(run.instanceType());
        c.add(run.suite());
        c.add(RunLabels.category(r));
        c.add(r.workload());
        c.add(r.metric());
        c.add(r.invocationId());
        c.add(Integer.toString(r.threads()));
        c.add(figure);
        c.add(number(value));
        c.add(unit);
        c.add(number(error));
        c.add(number(low));
        c.add(number(high));
        c.add(samples == null ? null : samples.toString());
        c.add(Boolean.toString(r.higherIsBetter()));
        c.add(r.status().name());
        c.add(r.reason());
        c.add(r.start());
        c.add(r.end());
        c.add(t == null ? null : InfluxLineExport.nanos(t));
        for (String p : params) {
            Object v = r.params().get(p);
            c.add(v == null ? null : String.valueOf(v));
        }
        return c;
    }

    private static String number(Double v) {
        return v == null ? null : ProbesCsv.number(v);
    }

    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ProbesCsv.cell(cells.get(i)));
        }
        sb.append('\n'); // as probes.csv: one convention for every CSV of a bundle
    }
}

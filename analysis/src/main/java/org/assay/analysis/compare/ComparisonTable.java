package org.assay.analysis.compare;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as tables: {@link #long_(ComparisonResult)} has one row per metric and column with
 * every figure as a number (what {@code --csv} writes), {@link #display(ComparisonResult)} the
 * same rows as formatted text, for the terminal and markdown, and {@link #categories} the
 * geometric means.
 */
public final class ComparisonTable {

    public static final List<String> DISPLAY_HEADER = List.of("metric", "column", "n", "value", "±95%", "unit",
            "ratio", "95% interval", "p (Holm)", "verdict", "per USD/h", "winner");

    private ComparisonTable() {
    }

    /** One row per (metric, column); the baseline's ratio is 1 with no test. */
    public static Table long_(ComparisonResult r) {
        StringColumn metric = StringColumn.create("metric");
        StringColumn params = StringColumn.create("params");
        IntColumn threads = IntColumn.create("threads");
        StringColumn unit = StringColumn.create("unit");
        StringColumn better = StringColumn.create("better");
        StringColumn column = StringColumn.create("column");
        StringColumn level = StringColumn.create("level");
        IntColumn n = IntColumn.create("n");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn half = DoubleColumn.create("halfWidth95");
        DoubleColumn sd = DoubleColumn.create("sd");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        DoubleColumn low = DoubleColumn.create("ratioLow");
        DoubleColumn high = DoubleColumn.create("ratioHigh");
        DoubleColumn p = DoubleColumn.create("p");
        DoubleColumn pHolm = DoubleColumn.create("pHolm");
        StringColumn verdict = StringColumn.create("verdict");
        StringColumn winner = StringColumn.create("winner");
        DoubleColumn perDollar = DoubleColumn.create("perUsdHour");
        DoubleColumn perDollarHalf = DoubleColumn.create("perUsdHourHalfWidth95");
        for (MetricComparison m : r.metrics()) {
            for (String col : r.columns()) {
                Estimate e = m.estimates().get(col);
                if (e == null) {
                    continue;
                }
                metric.append(m.id().metric());
                params.append(m.id().params());
                threads.append(m.id().threads());
                unit.append(m.unit());
                better.append(m.higherIsBetter() ? "higher" : "lower");
                column.append(col);
                level.append(e.level().name());
                n.append(e.n());
                mean.append(e.mean());
                half.append(e.halfWidth(r.settings().confidence()));
                sd.append(e.standardDeviation());
                MetricComparison.Versus v = versus(m, col);
                boolean isBase = col.equals(r.baseline());
                ratio.append(isBase ? 1.0 : v.ratio());
                low.append(isBase ? Double.NaN : v.low());
                high.append(isBase ? Double.NaN : v.high());
                p.append(isBase ? Double.NaN : v.pValue());
                pHolm.append(isBase ? Double.NaN : v.pAdjusted());
                verdict.append(isBase ? "baseline" : v.verdict().name());
                winner.append(col.equals(m.winner()) ? "yes" : "");
                MetricComparison.PerDollar pd = m.perDollar().get(col);
                perDollar.append(pd == null ? Double.NaN : pd.value());
                perDollarHalf.append(pd == null ? Double.NaN : pd.halfWidth());
            }
        }
        return Table.create("comparison", metric, params, threads, unit, better, column, level, n, mean, half, sd,
                ratio, low, high, p, pHolm, verdict, winner, perDollar, perDollarHalf);
    }

    /** The rows of {@link #DISPLAY_HEADER}, formatted; the metric is named on its first row only. */
    public static List<List<String>> display(ComparisonResult r) {
        List<List<String>> rows = new ArrayList<>();
        double conf = r.settings().confidence();
        for (MetricComparison m : r.metrics()) {
            boolean first = true;
            for (String col : r.columns()) {
                Estimate e = m.estimates().get(col);
                if (e == null) {
                    continue;
                }
                MetricComparison.Versus v = versus(m, col);
                boolean isBase = col.equals(r.baseline());
                MetricComparison.PerDollar pd = m.perDollar().get(col);
                rows.add(List.of(
                        first ? m.id().label() : "",
                        col,
                        e.n() + (e.level() == Estimate.Level.runs ? " runs" : ""),
                        number(e.mean()),
                        number(e.halfWidth(conf)),
                        m.unit() == null ? "" : m.unit(),
                        isBase ? "1" : ratio(v.ratio()),
                        isBase ? "baseline" : interval(v.low(), v.high()),
                        isBase ? "" : pValue(v.pAdjusted()),
                        isBase ? "" : v.verdict().text(),
                        pd == null ? "" : number(pd.value()) + " ± " + number(pd.halfWidth()),
                        col.equals(m.winner()) ? "*" : ""));
                first = false;
            }
        }
        return rows;
    }

    /** One line per category (and "all") and column: geometric mean of the ratios, above 1 better. */
    public static List<String> categories(ComparisonResult r) {
        List<String> lines = new ArrayList<>();
        List<CategorySummary> all = new ArrayList<>(r.categories());
        all.add(r.overall());
        for (CategorySummary c : all) {
            for (GeometricMean g : c.means()) {
                lines.add(String.format(Locale.ROOT, "%s: %s %s %s over %d metric(s)%s", c.category(), g.column(),
                        ratio(g.value()), interval(g.low(), g.high()), g.count(),
                        g.column().equals(c.winner()) ? "  (winner)" : ""));
            }
            if (r.baseline().equals(c.winner())) {
                lines.add(c.category() + ": the baseline " + r.baseline() + " wins");
            } else if (c.winner() == null) {
                lines.add(c.category() + ": no meaningful winner");
            }
        }
        return lines;
    }

    static MetricComparison.Versus versus(MetricComparison m, String col) {
        return m.versus().stream().filter(v -> v.column().equals(col)).findFirst().orElse(null);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.4g", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String interval(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return "unbounded";
        }
        return "[" + ratio(low) + ", " + ratio(high) + "]";
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}

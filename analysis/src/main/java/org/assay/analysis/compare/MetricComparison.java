package org.assay.analysis.compare;

import java.util.List;
import java.util.Map;

/**
 * One metric across the columns.
 *
 * @param estimates column name to its estimate; a column that did not measure the metric is absent
 * @param versus    one entry per non-baseline column that measured it
 * @param winner    the column that is meaningfully better than the baseline (the best such), the
 *                  baseline when every other column is meaningfully worse, else null
 * @param perDollar column name to its performance per USD/h, for the priced columns
 */
public record MetricComparison(MetricId id, String unit, boolean higherIsBetter, Map<String, Estimate> estimates,
                               List<Versus> versus, String winner, Map<String, PerDollar> perDollar) {

    /** A column's mean per USD/h and the half-width of its interval (only for higher-is-better metrics). */
    public record PerDollar(double value, double halfWidth) {
    }

    /**
     * The comparison of one column with the baseline on this metric.
     *
     * @param ratio       candidate mean / baseline mean, with its Fieller interval {@code low, high}
     * @param pValue      Welch's two-sided p-value
     * @param pAdjusted   Holm-adjusted over every test of the comparison
     */
    public record Versus(String column, double ratio, double low, double high, double pValue, double pAdjusted,
                         Verdict verdict) {
    }
}

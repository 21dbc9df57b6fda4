package org.assay.analysis.judging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.assay.profiles.ExpectedResult;
import org.assay.profiles.MetricKey;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * A run scored against a profile: one row per measured metric with its ratio to the expected
 * result, the geometric means per category and overall (the profile = 1000), the metrics the
 * profile expects and the run lacks, and each measured value as a share of its spec limit.
 */
public record ScoreReport(String profileId, List<MetricScore> metrics, List<CategoryScore> categories,
                          CategoryScore overall, List<Missing> missing, List<LimitShare> limitShares,
                          List<NoLimit> limitsNotDerived) {

    public ScoreReport {
        limitsNotDerived = List.copyOf(limitsNotDerived);
        metrics = List.copyOf(metrics);
        categories = List.copyOf(categories);
        missing = List.copyOf(missing);
        limitShares = List.copyOf(limitShares);
    }

    /**
     * One metric's ratio: measured / expected, or expected / measured where lower is better, so a
     * ratio above 1 is always better than the profile. {@code logStandardError} is the standard
     * error of log(ratio) by the delta method (the measurement's standard error over its value);
     * null when the measurement has no interval.
     */
    public record MetricScore(MetricKey key, String category, Measurement measured, ExpectedResult expected,
                              double ratio, Double logStandardError) {
    }

    /**
     * A geometric mean of ratios, times 1000, with its 99.9% interval (null when a ratio under it
     * has no interval). {@code count} is how many ratios (categories, for the overall score) it averages.
     */
    public record CategoryScore(String category, double score, Double low, Double high, int count) {
    }

    /** An expected result the run has no measurement for, and why. */
    public record Missing(MetricKey key, String why) {
    }

    /** A measured metric whose limit this spec does not derive, and what the spec lacks for it. */
    public record NoLimit(MetricKey key, String limit, String why) {
    }

    /** Whether there is anything to score: a spec-only profile has no expected results, so only limit shares. */
    public boolean hasScore() {
        return !metrics.isEmpty();
    }

    /** The per-metric rows as a table (metric, params, category, measured, expected, unit, ratio, low, high). */
    @JsonIgnore
    public Table table() {
        StringColumn metric = StringColumn.create("metric");
        StringColumn params = StringColumn.create("params");
        StringColumn category = StringColumn.create("category");
        DoubleColumn measured = DoubleColumn.create("measured");
        DoubleColumn expected = DoubleColumn.create("expected");
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        DoubleColumn low = DoubleColumn.create("ratioLow");
        DoubleColumn high = DoubleColumn.create("ratioHigh");
        for (MetricScore m : metrics) {
            metric.append(m.key().metric());
            params.append(m.key().params().toString());
            category.append(m.category());
            measured.append(m.measured().value());
            expected.append(m.expected().value());
            unit.append(m.measured().unit());
            ratio.append(m.ratio());
            double z = Measurement.quantile(0);
            low.append(m.logStandardError() == null ? Double.NaN : m.ratio() * Math.exp(-z * m.logStandardError()));
            high.append(m.logStandardError() == null ? Double.NaN : m.ratio() * Math.exp(z * m.logStandardError()));
        }
        return Table.create("score against " + profileId, metric, params, category, measured, expected, unit, ratio, low, high);
    }
}

package org.assay.analysis.compare;

import java.util.List;

/**
 * What {@link Comparison} found: the columns in order, the baseline, the settings used, one entry
 * per compared metric, the geometric means per category and over all metrics, the metrics left
 * out with the reason, and the pre-flight warnings the runs were measured under (a loaded host
 * makes two runs of one machine differ; the reader should know before trusting a verdict), and
 * notes on how rows were formed (which thread counts a whole-machine row puts side by side).
 */
public record ComparisonResult(List<String> columns, String baseline, CompareSettings settings,
                               List<MetricComparison> metrics, List<CategorySummary> categories,
                               CategorySummary overall, List<String> skipped,
                               List<String> warnings, List<String> notes) {
}

package org.assay.analysis.compare;

/**
 * The geometric mean of a column's ratios to the baseline over some metrics, oriented so that
 * above 1 is better (a lower-is-better metric contributes baseline / candidate), with its interval.
 *
 * @param count metrics that went into it
 */
public record GeometricMean(String column, double value, double low, double high, int count) {
}

package org.assay.analysis.compare;

import java.util.Map;

/**
 * @param noise      relative difference below which a significant change is "no meaningful change" (0.02 = 2%)
 * @param alpha      family-wise error rate for Holm's correction
 * @param confidence level of the intervals shown (not adjusted for multiplicity: they describe
 *                   each metric alone, the verdicts use the corrected p-values)
 * @param prices     price per hour by column (already resolved to the column's name)
 */
public record CompareSettings(double noise, double alpha, double confidence, Map<String, Double> prices) {

    public static final double DEFAULT_NOISE = 0.02;

    public CompareSettings {
        prices = Map.copyOf(prices);
    }

    public static CompareSettings defaults() {
        return new CompareSettings(DEFAULT_NOISE, 0.05, 0.95, Map.of());
    }
}

package org.assay.analysis.compare;

import java.util.List;

/**
 * One category's (or, with {@code category} "all", every metric's) geometric means, one per
 * non-baseline column, and the winner: the column whose geometric mean is above 1 + noise with its
 * whole interval above 1 (the best such), the baseline if every other column is below
 * 1 / (1 + noise) with its whole interval below 1, else null.
 */
public record CategorySummary(String category, List<GeometricMean> means, String winner) {
}

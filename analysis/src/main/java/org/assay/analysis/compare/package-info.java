/**
 * Comparing runs: {@link org.assay.analysis.compare.VerifiedBundles} reads only bundles that pass
 * verification, {@link org.assay.analysis.compare.RunColumn} groups runs of one
 * {@link org.assay.analysis.compare.MachineClass} into a column,
 * {@link org.assay.analysis.compare.Comparison} compares every shared metric with the baseline
 * ({@link org.assay.analysis.compare.RatioTest}: Fieller's interval of the ratio and Welch's
 * test; {@link org.assay.analysis.compare.Holm}: the correction over all tests) and
 * {@link org.assay.analysis.compare.ComparisonTable} and
 * {@link org.assay.analysis.compare.ComparisonMarkdown} present it. The statistics are explained
 * in docs/comparing.md.
 *
 * <p>Uses {@code results}, Tablesaw and commons-math3 only.
 */
package org.assay.analysis.compare;

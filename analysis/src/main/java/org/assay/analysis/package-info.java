/**
 * Reading results, as opposed to producing them: {@link org.assay.analysis.CacheLevelDetector}
 * finds the plateaus of a pointer-chase latency curve (the cache levels),
 * {@link org.assay.analysis.CacheLevelMatcher} names them after the caches the OS reports, by size,
 * and {@link org.assay.analysis.RunSummary} builds the end-of-run table, one row per invocation;
 * {@link org.assay.analysis.ForkAwareInterval}, {@link org.assay.analysis.DisturbedIterations} and
 * {@link org.assay.analysis.PrecisionTarget} are the statistics of a result's interval, its
 * disturbed iterations and its precision target: pure functions of the samples.
 *
 * <p>Uses {@code org.assay.results}, Tablesaw and commons-math3, nothing of the harness, the workloads or the
 * probes, so that anything that reads bundles (a comparison, a report, an exporter) can build on
 * it. Judging a run against a baseline profile (scores, acceptance, golden profiles) is in
 * {@code org.assay.analysis.judging}, the one part that uses {@code profiles}.
 */
package org.assay.analysis;

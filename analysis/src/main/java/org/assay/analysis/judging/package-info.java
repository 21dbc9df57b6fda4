/**
 * Judging a run against a baseline profile. {@link org.assay.analysis.judging.RunMeasurements}
 * reads a bundle's results as {@link org.assay.analysis.judging.Measurement}s (value, interval
 * and what narrows it); {@link org.assay.analysis.judging.Scoring} scores them against the
 * profile's expected results (ratios, geometric means per category, delta-method intervals) and
 * {@link org.assay.analysis.judging.LimitShare} shows each as a share of its spec-derived limit;
 * {@link org.assay.analysis.judging.Acceptance} applies the acceptance rules (pass, fail,
 * inconclusive) and {@link org.assay.analysis.judging.InventoryChecks} the spec's counts and
 * sizes; {@link org.assay.analysis.judging.JunitXml} and {@link org.assay.analysis.judging.OcptvOutput}
 * write a verdict for CI servers and OCP test executives;
 * {@link org.assay.analysis.judging.GoldenProfile} turns runs into a golden-machine profile.
 * The maths is in docs/scoring.md.
 *
 * <p>Uses {@code results}, {@code profiles}, Tablesaw, commons-math3, Jackson and the JDK's XML:
 * nothing of the harness, the workloads or the probes.
 */
package org.assay.analysis.judging;

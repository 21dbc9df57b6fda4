/**
 * Pre-flight checks of settings that change results (governor, boost, SMT, THP, swap, load,
 * cgroup quota, clocksource, steal, available memory):
 * {@link org.assay.probes.preflight.EnvironmentChecks}. Each check reports what it found and, when
 * the setting will distort a measurement, a warning; it never changes the setting.
 *
 * <p>The checks become {@link org.assay.results.EnvironmentCheck}s in {@code run.json}. The
 * package uses {@code org.assay.probes.topology}, {@code org.assay.probes.inventory} (its
 * {@code /proc/meminfo} parser), {@code org.assay.probes.internal} (file reads) and {@code org.assay.results}.
 */
package org.assay.probes.preflight;

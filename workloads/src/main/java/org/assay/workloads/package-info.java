/**
 * What a workload is, as the harness sees it: {@link org.assay.workloads.Workload} (id = metric,
 * the JMH benchmark it runs, unit, suite sizes, validation, the factor from JMH's ops/s to the
 * unit), {@link org.assay.workloads.Suite}, {@link org.assay.workloads.MeasurementSettings} and
 * {@link org.assay.workloads.SizingContext}, the machine facts a workload sizes itself by.
 * {@link org.assay.workloads.Workloads} is the registry: it concatenates the families' lists
 * ({@code cpu}, {@code memory}) and adds the test-only {@code sabotage} workloads when asked.
 * {@link org.assay.workloads.ScalingLadder} gives the thread steps, each knowing what it covers
 * (one L3, one node, one socket, all cores, all hardware threads), from the domains
 * {@link org.assay.workloads.CpuDomains} reads; {@link org.assay.workloads.WorkerPlacement} is
 * how a workload wants a bare count laid out (compact, or spread for bandwidth).
 *
 * <p>This package and its descriptor packages are what the harness uses of this module; they
 * touch no JMH, no Vector API and no native call, so listing and planning run in a plain JVM.
 * The root package uses nothing of Assay but its own sub-packages' registries and, for the
 * ladder's domains, the CPU topology of {@code org.assay.probes.topology}.
 */
package org.assay.workloads;

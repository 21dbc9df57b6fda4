/**
 * The machine's CPU layout as the kernel describes it: {@link org.assay.probes.topology.CpuTopology}
 * (online CPUs, sockets, cores, SMT siblings, NUMA nodes), the caches
 * ({@link org.assay.probes.topology.CacheLevel}, {@link org.assay.probes.topology.CacheReader}),
 * the kernel's CPU list syntax ({@link org.assay.probes.topology.CpuList}), the CPUs this process
 * may use ({@link org.assay.probes.topology.AllowedCpus}), its cgroup limits
 * (the package-private {@code Cgroups}, {@link org.assay.probes.topology.ContainerLimits}),
 * {@code /proc/stat} snapshots ({@link org.assay.probes.topology.ProcStat}) and the FP64 FMA
 * widths the CPU's flags name ({@link org.assay.probes.topology.FmaWidths}).
 *
 * <p>Everything is read as text under a root directory, so tests run on captured trees. The
 * package uses only {@code org.assay.probes.internal} (the file reader); the probes, the
 * inventory, the pre-flight checks, the workloads and the harness's planner all build on it.
 */
package org.assay.probes.topology;

/**
 * The descriptors of the {@code memory.*} workloads (bandwidth triad and the other STREAM-style
 * kernels, latency chase, loaded latency, off-heap pressure, the NUMA matrix), each a
 * {@link org.assay.workloads.Workload}, and {@link org.assay.workloads.memory.MemoryWorkloads},
 * the family's registry.
 *
 * <p>Uses the root package's types, the kernels of {@code org.assay.workloads.kernel} for their
 * sizes and constants, and {@code org.assay.probes.topology} where the machine's layout sets
 * the parameters (NUMA nodes and their CPUs). The method of each workload is in
 * {@code docs/methodology.md}.
 */
package org.assay.workloads.memory;

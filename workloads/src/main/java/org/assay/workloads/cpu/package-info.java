/**
 * The descriptors of the {@code cpu.*} workloads (sieve, Miller-Rabin, FMA peak, DGEMM, FFT), each a
 * {@link org.assay.workloads.Workload} naming its benchmark in {@code org.assay.workloads.jmh},
 * and {@link org.assay.workloads.cpu.CpuWorkloads}, the family's registry and what the family
 * shares (scaling thread counts, quick-suite settings, the fork-heap check).
 *
 * <p>Uses the root package's types and, for reference counts and sizes only, the kernels of
 * {@code org.assay.workloads.kernel}; a descriptor must not touch a Vector API class (only
 * the forks load the kernels that need it). The method of each workload is in
 * {@code docs/methodology.md}.
 */
package org.assay.workloads.cpu;

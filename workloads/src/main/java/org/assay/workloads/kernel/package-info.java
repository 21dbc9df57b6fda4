/**
 * The measured kernels as plain Java classes (STREAM-style triad and kernels, pointer chase,
 * bandwidth load, off-heap region, segmented sieve, Miller-Rabin, blocked DGEMM, complex FFT,
 * {@link org.assay.workloads.kernel.MemoryAdvice} for madvise and set_mempolicy, and the loopback
 * socket ends of the network workloads with {@link org.assay.workloads.kernel.TcpInfo}), each
 * with its own check of the result. They know nothing of JMH, so each is unit-tested directly.
 *
 * <p>The package uses no other Assay code: only the JDK (the Vector API incubator module for
 * DGEMM and FFT), chronicle-bytes for off-heap memory and JNA for the kernel calls (madvise, set_mempolicy, getsockopt).
 */
package org.assay.workloads.kernel;
